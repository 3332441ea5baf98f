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

    /// These fields with `incident`'s report of the same event added.
    public func merging(_ incident: Incident) -> MergedFields {
        func joined(_ old: String?, _ new: String?) -> String? {
            var parts = (old ?? "").components(separatedBy: "; ").filter { !$0.isEmpty }
            for part in (new ?? "").components(separatedBy: "; ") where !part.isEmpty && !parts.contains(part) { parts.append(part) }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        }
        var merged = self
        appendEvidence(contentsOf: incident.evidence, to: &merged.evidence)
        merged.source = joined(source, incident.source)
        merged.sourceURL = joined(sourceURL, incident.sourceURL)
        merged.actor1 = actor1 ?? incident.actor1
        merged.actor2 = actor2 ?? incident.actor2
        merged.fatalities = max(fatalities, incident.fatalities)
        merged.keptColumns = keptColumns.filled(from: incident.keptColumns)
        return merged
    }
}
