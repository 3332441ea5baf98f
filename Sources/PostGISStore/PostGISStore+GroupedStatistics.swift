import Foundation
import IncidentMapCore
import IncidentStorage

extension StatisticsDimension {
    /// The SQL expression of the key, over the columns of `incidents` (and `actor` from the
    /// actors of each incident), in byte order ("C") as SQLite compares keys.
    var postgresKeySQL: String {
        switch self {
        // date_trunc's weeks are ISO weeks: they start on Monday.
        case .week: return "to_char(date_trunc('week', event_date::date), 'YYYY-MM-DD') COLLATE \"C\""
        case .month: return "substr(event_date, 1, 7) COLLATE \"C\""
        case .admin1: return "coalesce(admin1, '') COLLATE \"C\""
        case .location: return "coalesce(location, '') COLLATE \"C\""
        case .type: return "event_type"
        case .actor: return "coalesce(actor, '') COLLATE \"C\""
        }
    }
}

extension PostGISStore {
    /// Counts the incidents matching `filter` grouped by `dimensions`, in SQL: time dimensions
    /// in time order, then the largest groups first, then by key (the SpatiaLite store's order).
    public func statistics(by dimensions: [StatisticsDimension],
                           matching filter: IncidentFilter = IncidentFilter()) throws -> [StatisticsGroup] {
        precondition(!dimensions.isEmpty, "group by at least one dimension")
        let condition = SQLCondition(filter)
        let sql = GroupedStatisticsSQL.query(by: dimensions, keySQL: \.postgresKeySQL, whereClause: condition.sql)
        let rows = try withConnection { connection in try connection.execute(sql, condition.parameters) }
        return (0..<rows.rowCount).map { row in
            StatisticsGroup(keys: dimensions.indices.map { rows.string(row, $0) ?? "" },
                            incidents: rows.integer(row, dimensions.count), fatalities: rows.integer(row, dimensions.count + 1))
        }
    }

    /// When the last incident was stored (`ingested_at`, to the second), or `nil` for an empty store.
    public func lastStoredAt() throws -> Date? {
        try withConnection { connection in
            try connection.execute("SELECT max(ingested_at) FROM incidents").string(0, 0).flatMap(Timestamp.date(from:))
        }
    }
}
