import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage

extension StatisticsDimension {
    /// The SQL expression of the key, over the columns of `incidents` (and `actor` from the
    /// actors of each incident).
    var keySQL: String {
        switch self {
        // SQLite's %w is 0 on Sunday: step back to the Monday of the same week.
        case .week: return "date(event_date, '-' || ((CAST(strftime('%w', event_date) AS INTEGER) + 6) % 7) || ' days')"
        case .month: return "substr(event_date, 1, 7)"
        case .admin1: return "coalesce(admin1, '')"
        case .location: return "coalesce(location, '')"
        case .type: return "event_type"
        case .actor: return "coalesce(actor, '')"
        }
    }
}

extension IncidentStore {
    /// Counts the incidents matching `filter` grouped by `dimensions`, in SQL: time dimensions
    /// in time order, then the largest groups first, then by key.
    ///
    /// ```swift
    /// let weekly = try store.statistics(by: [.week, .type], matching: IncidentFilter(since: april))
    /// // [StatisticsGroup(keys: ["2019-04-01", "Battles"], incidents: 12, fatalities: 9), …]
    /// ```
    public func statistics(by dimensions: [StatisticsDimension],
                           matching filter: IncidentFilter = IncidentFilter()) throws -> [StatisticsGroup] {
        precondition(!dimensions.isEmpty, "group by at least one dimension")
        let clause = filter.whereClause
        let sql = GroupedStatisticsSQL.query(by: dimensions, keySQL: \.keySQL, whereClause: clause.sql)
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: clause.arguments).map { row in
                StatisticsGroup(keys: dimensions.indices.map { row[$0] as String? ?? "" },
                                incidents: row[dimensions.count], fatalities: row[dimensions.count + 1])
            }
        }
    }
}

extension IncidentStore {
    /// When the last incident was stored (`ingested_at`, to the second), or `nil` for an empty
    /// store: what a report records, so that the next one can list what came after.
    public func lastStoredAt() throws -> Date? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT max(ingested_at) FROM incidents").flatMap(Timestamp.date(from:))
        }
    }
}
