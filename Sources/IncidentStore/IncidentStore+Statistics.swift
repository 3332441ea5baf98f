import GRDB
import IncidentMapCore

/// A summary of what the store holds.
public struct StoreStatistics: Hashable, Sendable {
    public var count: Int
    public var firstDate: IncidentDate?
    public var lastDate: IncidentDate?
    /// The box around every incident, or `nil` for an empty store.
    public var boundingBox: BoundingBox?
    /// How many incidents of each event type, most first.
    public var countsByEventType: [(eventType: String, count: Int)]

    public static func == (lhs: StoreStatistics, rhs: StoreStatistics) -> Bool {
        lhs.count == rhs.count && lhs.firstDate == rhs.firstDate && lhs.lastDate == rhs.lastDate
            && lhs.boundingBox == rhs.boundingBox
            && lhs.countsByEventType.map(\.eventType) == rhs.countsByEventType.map(\.eventType)
            && lhs.countsByEventType.map(\.count) == rhs.countsByEventType.map(\.count)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(count) }
}

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
