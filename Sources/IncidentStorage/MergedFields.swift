import IncidentMapCore

/// The fields of a stored incident that another report of the same event can add to, and the
/// rule for adding: sources and URLs joined without repeats (`"; "` between them), evidence
/// appended by stretch, missing actors taken, the larger death toll kept, and each column kept as
/// given (``KeptColumns``: `year`, `country`, `assoc_actor_1` …) that the stored incident lacks
/// taken from the new report. Every backend merges
/// with it, so that ``IngestBatch/addOrMerge(_:)`` means the same on each.
///
/// ```swift
/// let stored = MergedFields(source: "Libya Observer", sourceURL: nil, evidence: [], actor1: nil, actor2: nil, fatalities: 2)
/// let merged = stored.merging(incident)
/// if merged != stored { … update the row … }
/// ```
public struct MergedFields: Equatable, Sendable {
    public var source: String?
    public var sourceURL: String?
    public var evidence: [EvidenceSpan]
    public var actor1: String?
    public var actor2: String?
    public var fatalities: Int
    public var keptColumns: KeptColumns

    public init(source: String?, sourceURL: String?, evidence: [EvidenceSpan], actor1: String?, actor2: String?,
                fatalities: Int, keptColumns: KeptColumns = KeptColumns()) {
        self.source = source
        self.sourceURL = sourceURL
        self.evidence = evidence
        self.actor1 = actor1
        self.actor2 = actor2
        self.fatalities = fatalities
        self.keptColumns = keptColumns
    }

    /// The fields of `incident`: what its report adds to a stored one.
    public init(_ incident: Incident) {
        self.init(source: incident.source, sourceURL: incident.sourceURL, evidence: incident.evidence, actor1: incident.actor1,
                  actor2: incident.actor2, fatalities: incident.fatalities, keptColumns: incident.keptColumns)
    }

    /// These fields with `incident`'s report of the same event added.
    public func merging(_ incident: Incident) -> MergedFields {
        merging(MergedFields(incident))
    }

    /// These fields with `other`, another report of the same event, added (a store that
    /// merges in bulk reads both from its rows).
    public func merging(_ other: MergedFields) -> MergedFields {
        func joined(_ old: String?, _ new: String?) -> String? {
            var parts = (old ?? "").components(separatedBy: "; ").filter { !$0.isEmpty }
            for part in (new ?? "").components(separatedBy: "; ") where !part.isEmpty && !parts.contains(part) { parts.append(part) }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        }
        var merged = self
        appendEvidence(contentsOf: other.evidence, to: &merged.evidence)
        merged.source = joined(source, other.source)
        merged.sourceURL = joined(sourceURL, other.sourceURL)
        merged.actor1 = actor1 ?? other.actor1
        merged.actor2 = actor2 ?? other.actor2
        merged.fatalities = max(fatalities, other.fatalities)
        merged.keptColumns = keptColumns.filled(from: other.keptColumns)
        return merged
    }
}
