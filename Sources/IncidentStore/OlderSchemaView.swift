import GRDB

/// How a store made by an older incidentmap is read where it cannot be upgraded (a read-only
/// file system, a file this user may not write): a temporary view named `incidents`, which
/// SQLite looks up before the file's own table, selects the stored columns and NULL for each
/// column a later migration added. Every query of the store then reads it unchanged, and the
/// file is not touched.
enum OlderSchemaView {
    /// The columns later migrations added to `incidents`, which an older store may lack.
    static let addedColumns = ["original_event_type"] + StoreMigrations.v6Columns

    /// What creates the view on each connection to the store at `path`.
    static func creator(path: String) -> @Sendable (Database) throws -> Void {
        { db in try create(db, path: path) }
    }

    /// Creates the view on `db` (a read-only connection to the store at `path`); throws
    /// ``StoreError/olderSchemaReadOnly(path:)`` where the store lacks more than added columns.
    static func create(_ db: Database, path: String) throws {
        let stored = Set(try db.columns(in: "incidents", in: "main").map(\.name))
        let missing = IncidentRow.columns.filter { !stored.contains($0) }
        guard !missing.isEmpty else { return }
        guard missing.allSatisfy(addedColumns.contains), try db.tableExists("gazetteer_places", in: "main") else {
            throw StoreError.olderSchemaReadOnly(path: path)
        }
        let nulls = missing.map { "NULL AS \($0)" }.joined(separator: ", ")
        try db.execute(sql: "CREATE TEMP VIEW incidents AS SELECT *, \(nulls) FROM main.incidents")
    }
}
