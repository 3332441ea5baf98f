import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage

extension IncidentFilter {
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
