import GRDB
import IncidentMapCore
import IncidentStorage

extension IncidentStore {
    /// Count, date range, bounding box and counts by event type.
    public func statistics() throws -> StoreStatistics {
        try pool.read { db in
            let summary = try Row.fetchOne(db, sql: """
                SELECT count(*), min(event_date), max(event_date),
                       min(longitude), min(latitude), max(longitude), max(latitude)
                FROM incidents
                """)!
            let count: Int = summary[0]
            let byType = try Row.fetchAll(db, sql: """
                SELECT event_type, count(*) FROM incidents GROUP BY event_type ORDER BY count(*) DESC, event_type
                """).map { (eventType: $0[0] as String, count: $0[1] as Int) }
            guard count > 0 else {
                return StoreStatistics(count: 0, firstDate: nil, lastDate: nil, boundingBox: nil, countsByEventType: [])
            }
            return StoreStatistics(
                count: count,
                firstDate: try IncidentDate(parsing: summary[1]),
                lastDate: try IncidentDate(parsing: summary[2]),
                boundingBox: try BoundingBox(minLongitude: summary[3], minLatitude: summary[4],
                                             maxLongitude: summary[5], maxLatitude: summary[6]),
                countsByEventType: byType)
        }
    }
}
