import IncidentMapCore
import IncidentStorage

extension PostGISStore {
    /// Count, date range, bounding box and counts by event type (most first, then by name in
    /// byte order, as on SpatiaLite).
    public func statistics() throws -> StoreStatistics {
        let (summary, byType) = try transaction(readOnly: true) { connection in
            (try connection.execute("""
                SELECT count(*), min(event_date), max(event_date),
                       min(longitude), min(latitude), max(longitude), max(latitude)
                FROM incidents
                """),
             try connection.execute("""
                SELECT event_type, count(*) FROM incidents GROUP BY event_type ORDER BY count(*) DESC, event_type
                """))
        }
        guard summary.integer(0, 0) > 0 else {
            return StoreStatistics(count: 0, firstDate: nil, lastDate: nil, boundingBox: nil, countsByEventType: [])
        }
        return StoreStatistics(
            count: summary.integer(0, 0),
            firstDate: try IncidentDate(parsing: summary.string(0, 1) ?? ""),
            lastDate: try IncidentDate(parsing: summary.string(0, 2) ?? ""),
            boundingBox: try BoundingBox(minLongitude: summary.double(0, 3), minLatitude: summary.double(0, 4),
                                         maxLongitude: summary.double(0, 5), maxLatitude: summary.double(0, 6)),
            countsByEventType: (0..<byType.rowCount).map { (eventType: byType.string($0, 0) ?? "", count: byType.integer($0, 1)) })
    }
}
