/// What one ingest added to the store.
public struct IngestSummary: Hashable, Sendable {
    /// Incidents that were new to the store.
    public var added = 0
    /// Incidents whose `event_id_cnty` the store already held: left as they were.
    public var alreadyPresent = 0
    /// Incidents the store held already that another source reported too: their sources,
    /// evidence and missing details were added to the stored one.
    public var merged = 0

    public init(added: Int = 0, alreadyPresent: Int = 0, merged: Int = 0) {
        self.added = added
        self.alreadyPresent = alreadyPresent
        self.merged = merged
    }

    /// Adds another ingest's counts to these.
    public static func += (total: inout IngestSummary, summary: IngestSummary) {
        total.added += summary.added
        total.alreadyPresent += summary.alreadyPresent
        total.merged += summary.merged
    }
}

/// What ``IngestBatch/addOrMerge(_:)`` did with an incident.
public enum IngestOutcome: Sendable {
    case added, merged, unchanged
}
