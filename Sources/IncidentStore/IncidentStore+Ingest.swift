import CSQLite
import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage

/// Adds incidents inside one of the SpatiaLite store's ingest transactions; see
/// ``IncidentStore/ingest(expectedRows:_:)``.
final class IncidentBatch: IngestBatch {
    private let insert: IncidentInsert
    private let database: Database
    /// What the batch has done so far.
    private(set) var summary = IngestSummary()

    /// Triggers and indexes set aside during a bulk load, with the SQL that re-creates them.
    private var suspendedTriggers: [String] = []

    init(database: Database, ingestedAt: Date, bulk: Bool) throws {
        self.database = database
        // The batch's time: every row of an ingest is stored at the same second.
        self.insert = try IncidentInsert(database, storePath: database.description, ingestedAt: Timestamp.string(from: ingestedAt))
        if bulk { try suspendIndexTriggers() }
    }

    /// For a large load: SpatiaLite's per-row triggers (the spatial index insertion, the
    /// geometry check and the last-insert time) are set aside and their work done once at the
    /// end. The geometry check is safe to skip: every row's point is made here (`IncidentInsert`)
    /// from checked coordinates, in EPSG:4326.
    private func suspendIndexTriggers() throws {
        // The date index too: building it once, sorted, beats a million inserts at random places
        // (filled row by row instead: 200k rows, 12 % more of the storing thread's time, 18 MB
        // more peak memory). The point index `(id, latitude, longitude)` stays: rows come in id
        // order, so each insert appends to its last page, where rebuilding it read the whole
        // table once more.
        for name in ["incidents_event_date"] {
            guard let sql = try String.fetchOne(database, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                                arguments: [name]) else { continue }
            suspendedTriggers.append(sql)
            try database.execute(sql: "DROP INDEX \"\(name)\"")
        }
        for name in SpatialSQL.insertTriggers {
            guard let sql = try String.fetchOne(database, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                arguments: [name]) else { continue }
            suspendedTriggers.append(sql)
            try database.execute(sql: "DROP TRIGGER \"\(name)\"")
        }
    }

    /// Ends the batch: after a bulk load, rebuilds the spatial index and restores the triggers.
    func finish() throws {
        guard !suspendedTriggers.isEmpty else { return }
        // The indexes read the table in order and sort on their own: a 16 MB cache serves them
        // as fast (1M rows of the 31-column CSV: same time), and the pages it gives back make
        // room for the sorts and the R*Tree's arrays, which came on top of it (1M rows: peak 255 MB).
        try database.execute(sql: "PRAGMA cache_size = -16384")
        // The indexes first: the R*Tree is then built from the narrow (id, latitude, longitude)
        // index, not from a scan of the whole table.
        for sql in suspendedTriggers { try database.execute(sql: sql) }
        try SpatialIndexBulkLoad.rebuild(database, table: SpatialSQL.table, indexTable: SpatialSQL.spatialIndexTable,
                                         coveringIndex: SpatialSQL.pointIndex)
        try SpatialSQL.touchLastInsert(database)
        suspendedTriggers = []
    }

    @discardableResult
    func addOrMerge(_ incident: Incident) throws -> IngestOutcome {
        let keptList = KeptColumns.columns.map(\.rawValue).joined(separator: ", ")
        guard let stored = try Row.fetchOne(database, sql: """
            SELECT id, source, source_url, evidence, actor1, actor2, fatalities, \(keptList) FROM incidents WHERE event_id_cnty = ?
            """, arguments: [incident.eventID]) else {
            try add(incident)
            return .added
        }
        var storedKept = KeptColumns()
        for column in KeptColumns.columns { storedKept[column] = stored[column.rawValue] }
        let storedFields = MergedFields(
            source: stored["source"], sourceURL: stored["source_url"],
            evidence: (stored["evidence"] as String?).map(IncidentRow.decodeEvidence) ?? [],
            actor1: stored["actor1"], actor2: stored["actor2"], fatalities: stored["fatalities"], keptColumns: storedKept)
        let merged = storedFields.merging(incident)
        guard merged != storedFields else {
            summary.alreadyPresent += 1
            return .unchanged
        }
        let keptAssignments = KeptColumns.columns.map { "\($0.rawValue) = ?" }.joined(separator: ", ")
        var arguments: StatementArguments = [merged.source, merged.sourceURL,
                                             merged.evidence.isEmpty ? nil : IncidentRow.encodeEvidence(merged.evidence),
                                             merged.actor1, merged.actor2, merged.fatalities]
        arguments += StatementArguments(KeptColumns.columns.map { merged.keptColumns[$0] })
        arguments += [stored["id"] as Int64]
        try database.execute(sql: """
            UPDATE incidents SET source = ?, source_url = ?, evidence = ?, actor1 = ?, actor2 = ?, fatalities = ?, \(keptAssignments)
            WHERE id = ?
            """, arguments: arguments)
        summary.merged += 1
        return .merged
    }

    func add(_ incident: Incident) throws {
        if try insert.insert(incident) { summary.added += 1 } else { summary.alreadyPresent += 1 }
    }
}

extension IncidentStore {
    /// Runs `body` in one transaction: everything it adds is stored together, or, when it
    /// throws, nothing of it is, and the error is rethrown. What earlier calls stored stays.
    ///
    /// ```swift
    /// let summary = try store.ingest { batch in
    ///     for incident in incidents { try batch.add(incident) }
    /// }
    /// ```
    ///
    /// `expectedRows` says how large the load is likely to be: from 50,000 rows, or more rows
    /// than the store holds, the spatial index is built once at the end (packed) instead of
    /// row by row.
    public func ingest(expectedRows: Int = 0, _ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
        try write { db in try IncidentStore.ingest(in: db, expectedRows: expectedRows, body) }
    }

    /// The body of ``ingest(expectedRows:_:)`` inside the caller's transaction on `db`, which has
    /// SpatiaLite loaded: also what a new store's first load (``NewStoreLoad``) runs.
    static func ingest(in db: Database, expectedRows: Int, _ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents") ?? 0
        let bulk = expectedRows >= 50_000 || (expectedRows >= 5_000 && expectedRows > stored)
        // A large load touches the table's B-trees (the id and event id indexes) all over:
        // SQLite's default 2 MB page cache turns that into disk reads. 64 MB holds them
        // (1M rows of the 31-column CSV: 128 MB, as it was, took as long and held 80 MB
        // more; 32 MB did as well there, but that file's ids come nearly in order, and the
        // event id index of a million ids in no order would be some 30 MB). The indexes built at
        // the end sort their keys on a second thread. Both are put back afterwards.
        let cacheSize = bulk ? try Int.fetchOne(db, sql: "PRAGMA cache_size") : nil
        if bulk { try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA threads = 2") }
        defer { if let cacheSize { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA threads = 0") } }
        let batch = try IncidentBatch(database: db, ingestedAt: Date(), bulk: bulk)
        try body(batch)
        try batch.finish()
        return batch.summary
    }
}
