import Foundation
import IncidentMapCore

/// Whether the text reports an event as having happened, and if not, what it says of it. Only
/// `happened` becomes an incident; `incidentmap extract --all` shows the rest for review.
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    /// Reported as having happened.
    case happened
    /// Denied by someone (نفت ... وقوع, "denied that").
    case denied
    /// Said not to have happened (لم يسفر, "did not", دون قتال).
    case negated
    /// Planned, threatened or expected (would, plans to, سوف، يعتزم، هدد).
    case planned
    /// Told as background from before the report (earlier this year, منذ بداية, a date over six
    /// weeks before publication).
    case background
    /// A running total, not one event (so far, حصيلة).
    case aggregate
    /// Only ever referred back to ("the attack"): told as an event elsewhere, or not at all.
    case referredBack = "referred-back"
}

/// An incident found in an article: like `Incident`, but its date may be unknown (a relative
/// date and no publication date), and it keeps the place and the trigger it was read from.
public struct ExtractedIncident: Hashable, Sendable {
    public var eventType: EventType
    public var subEventType: String
    /// The date, or `nil` when the text gives none that can be resolved.
    public var date: ResolvedDate?
    /// Why the date is unknown, when it is.
    public var dateProblem: String?
    public var place: Place
    public var geoPrecision: GeoPrecision
    public var actor1: String?
    public var actor2: String?
    public var fatalities: Int
    /// The trigger words as they stand in the text.
    public var triggerText: String
    /// Each sentence that reports it (several when the article tells the event more than once).
    public var evidence: [EvidenceSpan]
    public var source: String?
    public var sourceURL: String?
    /// The article's language (`ar` or `en`).
    public var language: String = "ar"
    /// Every sentence told it with a trigger that refers back ("the attack", "this strike"):
    /// it tells of an event told before, not a new one.
    var refersBack = false
    /// Whether it happened; only `happened` incidents come out of ``IncidentExtractor/extract(_:includingNotHappened:isCancelled:)``.
    public var status: EventStatus = .happened

    /// Sub-event types that name a distinct act: never merged into another incident of the same
    /// type at the same place and day. A change of hands in battle is not one of them: the
    /// fighting and the taking of a place on one day are one battle, as ACLED codes it.
    static let distinctSubEventTypes: Set<String> = [
        "Arrests", "Agreement", "Non-violent transfer of territory", "Headquarters or base established",
        "Looting/property destruction",
    ]

    /// What ``mergeKey`` is made of, as a value to group incidents by: the key's string, made
    /// for every incident to group them, was a fifth of merging.
    struct MergeGroup: Hashable {
        let eventType: EventType
        let distinctSubEventType: String
        let placeID: String
        let date: IncidentDate?
        let status: EventStatus
    }

    /// Incidents in the same group are one event told several times (as their ``mergeKey`` says).
    var mergeGroup: MergeGroup {
        MergeGroup(eventType: eventType, distinctSubEventType: Self.distinctSubEventTypes.contains(subEventType) ? subEventType : "",
                   placeID: place.id, date: date?.date, status: status)
    }

    /// Incidents with the same key are one event told several times.
    var mergeKey: String {
        let group = mergeGroup
        let key = [eventType.rawValue, group.distinctSubEventType, place.id, date?.date.description ?? "undated"].joined(separator: "|")
        return status == .happened ? key : key + "|" + status.rawValue
    }

    /// A stable id: the same event type, place and day always give the same id, so the same
    /// incident from another article merges with the stored one.
    public var eventID: String? {
        guard date != nil else { return nil }
        return "IM" + String(StableHash.fnv1a64("extracted|" + mergeKey), radix: 16, uppercase: true)
    }

    /// The incident to store; `nil` when its date is unknown.
    public func incident() -> Incident? {
        guard let date, let eventID else { return nil }
        var noteParts = ["\(eventType.rawValue) (\(subEventType)) at \(place.nameEnglish), read from \"\(triggerText)\"", "date: \(date.reason)"]
        if geoPrecision == .nearPlace { noteParts.append("near the place, not in it") }
        return Incident(eventID: eventID, eventDate: date.date, timePrecision: date.precision, eventType: eventType,
                        subEventType: subEventType, actor1: actor1, actor2: actor2, admin1: place.admin1,
                        location: place.nameEnglish, coordinate: place.coordinate, geoPrecision: geoPrecision,
                        fatalities: fatalities, source: source, notes: noteParts.joined(separator: "; "),
                        locationArabic: place.nameArabic, placeID: place.id, sourceURL: sourceURL, evidence: evidence)
    }
}
