import Foundation
import IncidentMapCore
import IncidentStorage

extension PostGISStore {
    /// Streams the rows with `COPY … FROM STDIN` into a temporary table of the transaction,
    /// every column as the source store holds it, then moves them into `incidents` with one
    /// `INSERT … SELECT … ON CONFLICT (event_id_cnty) DO NOTHING`, in the order they came; a
    /// copy that adds many rows rebuilds the point index after it commits (``PointIndexUpkeep``).
    public func storeRows(expectedRows: Int = 0,
                          _ body: (_ store: (any IncidentColumns) throws -> Void) throws -> Void) throws -> IngestSummary {
        try bulkWrite { connection in
            let staged = try CopyStream.staging("copied_rows", on: connection)
            do { try body(staged.append(row:)) } catch { staged.abandon(); throw error }
            let rows = try staged.finish()
            let added = try connection.executeRetryingDeadlocks("""
                INSERT INTO incidents (\(IncidentColumnsSQL.selectList), geom)
                SELECT \(IncidentColumnsSQL.selectList), \(IncidentColumnsSQL.point) FROM copied_rows ORDER BY ordinal
                ON CONFLICT (event_id_cnty) DO NOTHING
                """).affectedRows
            return IngestSummary(added: added, alreadyPresent: rows - added)
        }
    }

    /// Merges in bulk, by `MergedFields`, the rule ingest's `addOrMerge` follows: the incidents
    /// are streamed with `COPY` into a temporary table; one `INSERT … ON CONFLICT DO NOTHING`
    /// adds those whose id is new (the first of an id, in the order they came, as ingest does),
    /// then the stored rows of the rest are read, locked, in chunks of
    /// `mergedRowsPerChunk`, merged here, and written back by one `UPDATE … FROM` a second
    /// COPY per chunk. A merge of 100,000 incidents is a few dozen statements, not several
    /// per incident. Each incident added is stamped with this merge's time, as ingest stamps;
    /// a merge that adds many rows rebuilds the point index after it commits (``PointIndexUpkeep``).
    public func mergeIncidents(expectedRows: Int = 0,
                               _ body: (_ merge: (Incident) throws -> Void) throws -> Void) throws -> IngestSummary {
        try bulkWrite { connection in
            let ingestedAt = Date()
            let staged = try CopyStream.staging("merging", on: connection)
            do {
                try body { incident in
                    var stamped = incident
                    stamped.ingestedAt = ingestedAt
                    try staged.append(row: IncidentColumnValues(stamped))
                }
            } catch {
                staged.abandon()
                throw error
            }
            let rows = try staged.finish()
            try connection.execute("CREATE INDEX ON merging (event_id_cnty, ordinal)")
            // A row whose id another process stores meanwhile is skipped here after that one
            // commits, and merged below: its stored row is visible to the next statement.
            let added = try connection.executeRetryingDeadlocks("""
                WITH added AS (
                    INSERT INTO incidents (\(IncidentColumnsSQL.selectList), geom)
                    SELECT \(IncidentColumnsSQL.selectList), \(IncidentColumnsSQL.point) FROM merging ORDER BY ordinal
                    ON CONFLICT (event_id_cnty) DO NOTHING
                    RETURNING event_id_cnty)
                DELETE FROM merging USING added WHERE merging.event_id_cnty = added.event_id_cnty
                AND merging.ordinal = (SELECT min(ordinal) FROM merging AS first WHERE first.event_id_cnty = added.event_id_cnty)
                """).affectedRows
            var summary = IngestSummary(added: added)
            try connection.execute("""
                CREATE TEMPORARY TABLE merged_rows ON COMMIT DROP AS
                SELECT id, \(MergedColumnsSQL.selectList) FROM incidents WITH NO DATA
                """)
            for start in stride(from: 0, to: rows, by: Self.mergedRowsPerChunk) {
                try Self.mergeStaged(ordinals: start..<(start + Self.mergedRowsPerChunk), on: connection, into: &summary)
            }
            return summary
        }
    }

    /// The staged incidents merged per chunk: the stored rows they lock and the merged fields
    /// held at once.
    static let mergedRowsPerChunk = 20_000

    /// Merges the staged incidents of `ordinals` into their stored rows, in the order they came
    /// (a second report of an id merges into what the first made of it).
    private static func mergeStaged(ordinals: Range<Int>, on connection: PostgresConnection,
                                    into summary: inout IngestSummary) throws {
        let stored = MergedColumnsSQL.names.map { "stored.\($0)" }.joined(separator: ", ")
        let staged = MergedColumnsSQL.names.map { "merging.\($0)" }.joined(separator: ", ")
        let result = try connection.execute("""
            SELECT stored.id, \(stored), \(staged) FROM merging JOIN incidents AS stored USING (event_id_cnty)
            WHERE merging.ordinal >= $1 AND merging.ordinal < $2 ORDER BY merging.ordinal
            FOR UPDATE OF stored
            """, [String(ordinals.lowerBound), String(ordinals.upperBound)])
        var merged: [String: (before: MergedFields, after: MergedFields)] = [:]
        var order: [String] = []
        for row in 0..<result.rowCount {
            guard let id = result.string(row, 0) else { continue }
            let current = merged[id]?.after ?? result.mergedFields(row, from: 1)
            let next = current.merging(result.mergedFields(row, from: 1 + MergedColumnsSQL.names.count))
            if next == current {
                summary.alreadyPresent += 1
                continue
            }
            summary.merged += 1
            if merged[id] == nil { order.append(id) }
            merged[id] = (merged[id]?.before ?? current, next)
        }
        let changed = order.compactMap { id in merged[id].flatMap { $0.after == $0.before ? nil : (id, $0.after) } }
        guard !changed.isEmpty else { return }
        let stream = try CopyStream("COPY merged_rows (id, \(MergedColumnsSQL.selectList)) FROM STDIN", on: connection)
        do {
            for (id, fields) in changed { try stream.append { buffer in CopyText.appendRow(id: id, fields, to: &buffer) } }
        } catch {
            stream.abandon()
            throw error
        }
        _ = try stream.finish()
        let assignments = MergedColumnsSQL.names.map { "\($0) = merged_rows.\($0)" }.joined(separator: ", ")
        try connection.execute("UPDATE incidents SET \(assignments) FROM merged_rows WHERE incidents.id = merged_rows.id")
        try connection.execute("TRUNCATE merged_rows")
    }

    public func refreshRecords() throws -> [GazetteerRefreshRecord] {
        let rows = try withConnection { connection in
            try connection.execute("""
                SELECT refreshed_at, source, places, added, removed, renamed, moved, incidents_updated
                FROM gazetteer_refreshes ORDER BY id
                """)
        }
        return (0..<rows.rowCount).map { row in
            GazetteerRefreshRecord(refreshedAt: rows.string(row, 0).flatMap(Timestamp.date(from:)) ?? Date(timeIntervalSince1970: 0),
                                   source: rows.string(row, 1) ?? "", places: rows.integer(row, 2), added: rows.integer(row, 3),
                                   removed: rows.integer(row, 4), renamed: rows.integer(row, 5), moved: rows.integer(row, 6),
                                   incidentsUpdated: rows.integer(row, 7))
        }
    }
}

/// A `COPY … FROM STDIN` under way: text is sent as it is appended, in chunks of about a
/// megabyte. ``abandon()`` ends it after a failure, so that the transaction can be rolled back
/// on this connection.
final class CopyStream {
    private let connection: PostgresConnection
    private var pending: [UInt8] = []
    /// The incident rows appended (each one's ordinal is the count before it).
    private(set) var rows = 0

    init(_ copySQL: String, on connection: PostgresConnection) throws(PostGISStoreError) {
        self.connection = connection
        try connection.beginCopy(copySQL)
    }

    /// Makes `table`, a temporary table of the transaction with an `ordinal` and every column
    /// in ``Incident/Column`` order, and starts a COPY into it.
    static func staging(_ table: String, on connection: PostgresConnection) throws(PostGISStoreError) -> CopyStream {
        try connection.execute("""
            CREATE TEMPORARY TABLE \(table) ON COMMIT DROP AS
            SELECT 0::bigint AS ordinal, \(IncidentColumnsSQL.selectList) FROM incidents WITH NO DATA
            """)
        return try CopyStream("COPY \(table) (ordinal, \(IncidentColumnsSQL.selectList)) FROM STDIN", on: connection)
    }

    /// Appends one line of COPY text.
    func append(_ write: (inout [UInt8]) -> Void) throws(PostGISStoreError) {
        write(&pending)
        if pending.count >= 1 << 20 {
            try connection.sendCopyData(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Appends an incident's row to a ``staging(_:on:)`` table.
    func append(row: any IncidentColumns) throws(PostGISStoreError) {
        try append { buffer in CopyText.appendRow(ordinal: rows, row, to: &buffer) }
        rows += 1
    }

    /// Sends what is pending and ends the COPY; returns the incident rows appended.
    func finish() throws(PostGISStoreError) -> Int {
        if !pending.isEmpty { try connection.sendCopyData(pending) }
        try connection.endCopy()
        return rows
    }

    func abandon() {
        _ = try? connection.endCopy()
    }
}
