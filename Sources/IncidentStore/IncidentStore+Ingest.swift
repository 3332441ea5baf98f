import Foundation
import GRDB
import IncidentMapCore

/// What one ingest added to the store.
public struct IngestSummary: Hashable, Sendable {
    /// Incidents that were new to the store.
    public var added = 0
    /// Incidents whose `event_id_cnty` the store already held: left as they were.
    public var alreadyPresent = 0

    public init(added: Int = 0, alreadyPresent: Int = 0) {
        self.added = added
        self.alreadyPresent = alreadyPresent
    }
}

/// Adds incidents inside one ingest transaction; see ``IncidentStore/ingest(_:)``.
public final class IncidentBatch {
    private let statement: Statement
    private let database: Database
    private let ingestedAt: String
    /// What the batch has done so far.
    public private(set) var summary = IngestSummary()

    init(database: Database, ingestedAt: Date) throws {
        self.database = database
        self.statement = try database.cachedStatement(sql: IncidentRow.insertSQL)
        self.ingestedAt = IncidentRow.timestampFormat.string(from: ingestedAt)
    }

    /// Adds one incident; returns `false` (and changes nothing) when its id is already stored.
    @discardableResult
    public func add(_ incident: Incident) throws -> Bool {
        try statement.execute(arguments: IncidentRow.arguments(for: incident, ingestedAt: ingestedAt))
        let isNew = database.changesCount > 0
        if isNew { summary.added += 1 } else { summary.alreadyPresent += 1 }
        return isNew
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
    public func ingest(_ body: (IncidentBatch) throws -> Void) throws -> IngestSummary {
        try pool.write { db in
            let batch = try IncidentBatch(database: db, ingestedAt: Date())
            try body(batch)
            return batch.summary
        }
    }
}
