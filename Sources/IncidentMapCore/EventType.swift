import Foundation

/// ACLED's six event types, spelled as ACLED's codebook (2023) spells them.
///
/// ```swift
/// let type = EventType(acledName: "explosions/remote violence")  // .explosionsRemoteViolence
/// type?.subEventTypes.contains("Air/drone strike")               // true
/// ```
public enum EventType: String, CaseIterable, Sendable, Codable {
    case battles = "Battles"
    case explosionsRemoteViolence = "Explosions/Remote violence"
    case violenceAgainstCivilians = "Violence against civilians"
    case protests = "Protests"
    case riots = "Riots"
    case strategicDevelopments = "Strategic developments"

    /// The name ACLED's data uses in its `event_type` column.
    public var acledName: String { rawValue }

    /// Reads an `event_type` value, ignoring case and surrounding white space.
    public init?(acledName: String) {
        if let exact = EventType(rawValue: acledName) {
            self = exact
            return
        }
        let folded = acledName.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = EventType.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
            return nil
        }
        self = match
    }

    /// The sub-event types ACLED's codebook lists under this event type.
    public var subEventTypes: [String] {
        switch self {
        case .battles:
            return ["Government regains territory", "Non-state actor overtakes territory", "Armed clash"]
        case .explosionsRemoteViolence:
            return ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"]
        case .violenceAgainstCivilians:
            return ["Sexual violence", "Attack", "Abduction/forced disappearance"]
        case .protests:
            return ["Excessive force against protesters", "Protest with intervention", "Peaceful protest"]
        case .riots:
            return ["Violent demonstration", "Mob violence"]
        case .strategicDevelopments:
            return ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                    "Headquarters or base established", "Looting/property destruction",
                    "Non-violent transfer of territory", "Other"]
        }
    }

    /// The codebook's spelling of `name` if it is one of this type's sub-event types
    /// (case and surrounding white space ignored), otherwise `nil`.
    public func canonicalSubEventType(_ name: String) -> String? {
        if subEventTypes.contains(name) { return name }
        let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
        return subEventTypes.first { $0.lowercased() == folded }
    }
}
