import Foundation

/// The SQL of ``StoreBackend/statistics(by:matching:)`` for a backend that speaks SQL: one
/// `GROUP BY`, time dimensions in time order, then the largest groups first, then by key. SQLite
/// and PostgreSQL take the same statement; each backend gives its own key expressions (a week
/// is reckoned differently in each) and its filter's `WHERE` clause.
///
/// ```swift
/// let sql = GroupedStatisticsSQL.query(by: [.week, .type], keySQL: \.keySQL, whereClause: "WHERE event_date >= ?")
/// // SELECT key0, key1, count(*), coalesce(sum(fatalities), 0) … GROUP BY key0, key1 ORDER BY …
/// ```
public enum GroupedStatisticsSQL {
    /// The statement: its columns are the keys in `dimensions`' order, the count and the deaths.
    public static func query(by dimensions: [StatisticsDimension], keySQL: (StatisticsDimension) -> String,
                             whereClause: String) -> String {
        let keys = dimensions.enumerated().map { "\(keySQL($0.element)) AS key\($0.offset)" }
        let positions = dimensions.indices.map { "key\($0)" }
        let timeOrder = dimensions.enumerated().filter(\.element.isTime).map { "key\($0.offset)" }
        let order = timeOrder + ["count(*) DESC"] + positions
        // Actors come from two columns: each incident is joined to the distinct actors it names
        // (none: one row with no actor, so that it is still counted).
        let from = dimensions.contains(.actor)
            ? """
              WITH matching AS (SELECT * FROM incidents \(whereClause)),
                   actors AS (SELECT id, actor1 AS actor FROM matching WHERE coalesce(actor1, '') <> ''
                              UNION SELECT id, actor2 FROM matching WHERE coalesce(actor2, '') <> '')
              SELECT %@ FROM matching LEFT JOIN actors USING (id)
              """
            : "SELECT %@ FROM incidents \(whereClause)"
        let select = "\(keys.joined(separator: ", ")), count(*), coalesce(sum(fatalities), 0)"
        return from.replacingOccurrences(of: "%@", with: select)
            + " GROUP BY \(positions.joined(separator: ", ")) ORDER BY \(order.joined(separator: ", "))"
    }
}
