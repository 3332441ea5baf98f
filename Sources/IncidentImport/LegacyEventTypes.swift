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

    /// The table built into incidentmap.
    static let shared = EmbeddedTable.load("legacy-event-types.tsv") { text throws(RowProblem) in try LegacyEventTypes(tsv: text) }

    init(tsv text: String) throws(RowProblem) {
        let expected = "legacy_event_type, one of today's event types, sub_event_type, condition"
        var rules: [String: [Rule]] = [:]
        for (line, fields) in try EmbeddedTable.rows(text, columns: 4, expected: expected) {
            guard let eventType = EventType(acledName: fields[1]) else { throw RowProblem("line \(line): expected \(expected)") }
            let subEventType = fields[2].isEmpty ? nil : eventType.canonicalSubEventType(fields[2])
            guard fields[2].isEmpty || subEventType != nil else {
                throw RowProblem("line \(line): '\(fields[2])' is not a sub-event type of \(eventType.rawValue)")
            }
            var interCode: String?
            if !fields[3].isEmpty {
                guard fields[3].hasPrefix("inter=") else { throw RowProblem("line \(line): a condition reads inter=N") }
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
