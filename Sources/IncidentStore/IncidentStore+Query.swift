import GRDB
import IncidentMapCore

extension IncidentStore {
    /// How many incidents match `filter`.
    public func count(matching filter: IncidentFilter = IncidentFilter()) throws -> Int {
        let clause = filter.whereClause
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents \(clause.sql)", arguments: clause.arguments) ?? 0
        }
    }

    /// Calls `body` with each incident matching `filter`, in date order, one row at a time:
    /// memory stays flat however many incidents there are.
    ///
    /// ```swift
    /// try store.forEachIncident(matching: filter) { incident in try writer.write(incident) }
    /// ```
    public func forEachIncident(matching filter: IncidentFilter = IncidentFilter(),
                                _ body: (Incident) throws -> Void) throws {
        let clause = filter.whereClause
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(IncidentRow.selectList) FROM incidents \(clause.sql) ORDER BY event_date, id",
                arguments: clause.arguments)
            while let row = try rows.next() {
                try body(try IncidentRow.incident(from: row))
            }
        }
    }

    /// The incident stored under `eventID`, if any.
    public func incident(withID eventID: String) throws -> Incident? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(IncidentRow.selectList) FROM incidents WHERE event_id_cnty = ?",
                             arguments: [eventID]).map(IncidentRow.incident(from:))
        }
    }
}
