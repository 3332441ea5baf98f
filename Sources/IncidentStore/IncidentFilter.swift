import Foundation
import GRDB
import IncidentMapCore

/// Which incidents an export or a count takes: all of them by default.
///
/// ```swift
/// let filter = IncidentFilter(since: try IncidentDate(parsing: "2019-04-01"),
///                             eventTypes: [.battles])
/// ```
public struct IncidentFilter: Hashable, Sendable {
    /// The first day included.
    public var since: IncidentDate?
    /// The last day included.
    public var until: IncidentDate?
    /// Event types to keep; empty keeps every type.
    public var eventTypes: Set<EventType>
    /// Keep only incidents inside this box (which may cross the antimeridian).
    public var boundingBox: BoundingBox?
    /// Keep only incidents stored after this moment (`ingested_at`, to the second): what is new
    /// since a report that saw the store up to then.
    public var storedAfter: Date?

    public init(since: IncidentDate? = nil, until: IncidentDate? = nil,
                eventTypes: Set<EventType> = [], boundingBox: BoundingBox? = nil, storedAfter: Date? = nil) {
        self.since = since
        self.until = until
        self.eventTypes = eventTypes
        self.boundingBox = boundingBox
        self.storedAfter = storedAfter
    }

    /// The `WHERE` clause (empty when nothing is filtered) and its arguments.
    var whereClause: (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let since {
            conditions.append("event_date >= ?")
            arguments += [since.description]
        }
        if let until {
            conditions.append("event_date <= ?")
            arguments += [until.description]
        }
        if let storedAfter {
            conditions.append("ingested_at > ?")
            arguments += [Timestamp.string(from: storedAfter)]
        }
        if !eventTypes.isEmpty {
            let names = eventTypes.map(\.rawValue).sorted()
            conditions.append("event_type IN (\(names.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(names)
        }
        if let boundingBox {
            var boxConditions: [String] = []
            for box in boundingBox.unwrapped {
                let indexed = SpatialSQL.rowsInBox(minLongitude: box.minLongitude, minLatitude: box.minLatitude,
                                                   maxLongitude: box.maxLongitude, maxLatitude: box.maxLatitude)
                // The index narrows; the exact test on the stored doubles decides.
                boxConditions.append("(\(indexed.sql) AND longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?)")
                arguments += indexed.arguments
                arguments += [box.minLongitude, box.maxLongitude, box.minLatitude, box.maxLatitude]
            }
            conditions.append("(" + boxConditions.joined(separator: " OR ") + ")")
        }
        let sql = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (sql, arguments)
    }
}
