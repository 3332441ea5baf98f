import IncidentMapCore

/// ACLED's event types from before March 2019 ("Riots/Protests", "Battle-No change of
/// territory", "Remote violence" …) and today's event type and sub-event type each maps to,
/// read from `Data/acled/legacy-event-types.tsv` (which names ACLED's documents it follows).
///
/// ```swift
/// let mapped = LegacyEventTypes.shared.map("Battle-No change of territory", inter: [])
/// // (.battles, "Armed clash")
/// ```
struct LegacyEventTypes: Sendable {
    /// One line of the file.
    struct Rule: Sendable {
        let eventType: EventType
        let subEventType: String?
        /// The rule applies only where inter1 or inter2 is this code.
        let interCode: String?
    }

    /// Rules by the old type's name, lower-cased, in the file's order.
    private let rules: [String: [Rule]]

    /// The table built into incidentmap. A broken file is a build mistake that the tests
    /// catch, so it stops the program with the file's own message.
    static let shared: LegacyEventTypes = {
        guard let file = EmbeddedResources.files.first(where: { $0.name == "legacy-event-types.tsv" }) else {
            fatalError("Data/acled/legacy-event-types.tsv is not built into incidentmap")
        }
        do throws(RowProblem) {
            return try LegacyEventTypes(tsv: file.text)
        } catch {
            fatalError("Data/acled/legacy-event-types.tsv: \(error.reason)")
        }
    }()

    init(tsv text: String) throws(RowProblem) {
        var rules: [String: [Rule]] = [:]
        var sawHeader = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            guard sawHeader else {
                sawHeader = true
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let eventType = EventType(acledName: fields[1]) else {
                throw RowProblem("line \(number + 1): expected legacy_event_type, one of today's event types, sub_event_type, condition")
            }
            let subEventType = fields[2].isEmpty ? nil : eventType.canonicalSubEventType(fields[2])
            guard fields[2].isEmpty || subEventType != nil else {
                throw RowProblem("line \(number + 1): '\(fields[2])' is not a sub-event type of \(eventType.rawValue)")
            }
            var interCode: String?
            if !fields[3].isEmpty {
                guard fields[3].hasPrefix("inter=") else { throw RowProblem("line \(number + 1): a condition reads inter=N") }
                interCode = String(fields[3].dropFirst("inter=".count))
            }
            rules[fields[0].lowercased(), default: []].append(Rule(eventType: eventType, subEventType: subEventType, interCode: interCode))
        }
        self.rules = rules
    }

    /// Today's type and sub-event type for the old type `name`, or `nil` when `name` is no old
    /// type. `inter` holds the row's inter1 and inter2 codes, where it has them.
    func map(_ name: String, inter: [String]) -> (eventType: EventType, subEventType: String?)? {
        guard let candidates = rules[trimmed(name).lowercased()] else { return nil }
        for rule in candidates where rule.interCode == nil || inter.contains(rule.interCode!) {
            return (rule.eventType, rule.subEventType)
        }
        return nil
    }
}
