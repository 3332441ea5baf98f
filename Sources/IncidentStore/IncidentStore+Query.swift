import CSQLite
import GRDB
import IncidentMapCore
import IncidentStorage

extension IncidentStore {
    /// How many incidents match `filter`.
    public func count(matching filter: IncidentFilter = IncidentFilter()) throws -> Int {
        let clause = filter.whereClause
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents \(clause.sql)", arguments: clause.arguments) ?? 0
        }
    }

    /// Calls `body` with each incident matching `filter`, in the order they were stored (which
    /// reads the table front to back: a date order would read it at random), one row at a time:
    /// memory stays flat however many incidents there are.
    ///
    /// ```swift
    /// try store.forEachIncident(matching: filter) { incident in try writer.write(incident, extra: []) }
    /// ```
    public func forEachIncident(matching filter: IncidentFilter = IncidentFilter(),
                                _ body: (Incident) throws -> Void) throws {
        let clause = filter.whereClause
        try pool.read { db in
            try eachIncident(db, sql: "SELECT \(IncidentRow.selectList) FROM incidents \(clause.sql) ORDER BY id",
                             arguments: clause.arguments, body)
        }
    }

    /// Calls `body` with each stored row matching `filter`, in stored order, read straight
    /// from SQLite's buffers (a `StoredIncidentRow`): what exports stream, with no
    /// `Incident` built per row. Memory stays flat however many rows there are.
    public func forEachRow(matching filter: IncidentFilter = IncidentFilter(),
                           _ body: (any IncidentColumns) throws -> Void) throws {
        let clause = filter.whereClause
        try pool.read { db in
            try SpatialSQL.shrinkCacheForScans(db)
            try eachRow(db, sql: "SELECT \(IncidentRow.selectList) FROM incidents \(clause.sql) ORDER BY id",
                        arguments: clause.arguments) { try body(StoredIncidentRow(handle: $0)) }
        }
    }

    /// Calls `body` with at most `limit` rows matching `filter` that were stored after the row
    /// `cursor` (0 for the first page), in stored order, and returns the cursor of the next
    /// page, or `nil` when this page was the last.
    ///
    /// Each page is a short read of its own, so a server can send a large answer page by page
    /// without holding a read transaction open, while writers go on. Rows stored while the
    /// pages are read appear in a later page.
    ///
    /// ```swift
    /// var cursor: Int64? = 0
    /// while let from = cursor { cursor = try store.forEachRow(matching: filter, after: from, limit: 1000) { … } }
    /// ```
    public func forEachRow(matching filter: IncidentFilter = IncidentFilter(), after cursor: Int64, limit: Int,
                           _ body: (any IncidentColumns) throws -> Void) throws -> Int64? {
        let clause = filter.whereClause
        let sql = "SELECT \(IncidentRow.selectList), id FROM incidents "
            + (clause.sql.isEmpty ? "WHERE id > ?" : clause.sql + " AND id > ?") + " ORDER BY id LIMIT ?"
        var arguments = clause.arguments
        arguments += [cursor, limit]
        return try pool.read { db in
            var last: Int64?
            var rows = 0
            try eachRow(db, sql: sql, arguments: arguments) { handle in
                try body(StoredIncidentRow(handle: handle))
                last = sqlite3_column_int64(handle, IncidentRow.columnCount)
                rows += 1
            }
            return rows == limit ? last : nil
        }
    }

    /// Runs `sql` (which selects ``IncidentRow/selectList``) and calls `body` with each row's
    /// incident: the one way the store reads incidents back.
    func eachIncident(_ db: Database, sql: String, arguments: StatementArguments, _ body: (Incident) throws -> Void) throws {
        try eachRow(db, sql: sql, arguments: arguments) { handle in
            try body(try IncidentRow.incident(fromStatement: handle))
        }
    }

    /// Steps through the rows of `sql`, handing `body` the statement at each.
    func eachRow(_ db: Database, sql: String, arguments: StatementArguments, _ body: (OpaquePointer) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        try eachRow(db, statement: statement, body)
    }

    /// Steps through the rows of a statement whose arguments are set.
    func eachRow(_ db: Database, statement: Statement, _ body: (OpaquePointer) throws -> Void) throws {
        try statement.forEachRow(in: db, storePath: path, body)
    }

    /// The incident stored under `eventID`, if any.
    public func incident(withID eventID: String) throws -> Incident? {
        try pool.read { db in
            var found: Incident?
            try eachIncident(db, sql: "SELECT \(IncidentRow.selectList) FROM incidents WHERE event_id_cnty = ?",
                             arguments: [eventID]) { found = $0 }
            return found
        }
    }
}
