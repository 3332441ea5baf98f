import IncidentMapCore

/// The ACLED event type and sub-event type a GDELT event's CAMEO code is stored as, read from
/// `Data/acled/cameo-event-types.tsv` (whose comments say why each code maps as it does).
///
/// ```swift
/// let mapped = CAMEOEventTypes.shared.map(eventCode: "1951", baseCode: "195", rootCode: "19")
/// // (.explosionsRemoteViolence, "Air/drone strike")
/// ```
struct CAMEOEventTypes: Sendable {
    /// ACLED's type and sub-event type, by CAMEO code (root, base or leaf).
    private let types: [String: (eventType: EventType, subEventType: String?)]

    /// The table built into incidentmap.
    static let shared = EmbeddedTable.load("cameo-event-types.tsv") { text throws(RowProblem) in try CAMEOEventTypes(tsv: text) }

    init(tsv text: String) throws(RowProblem) {
        let expected = "cameo_code (digits), cameo_name, one of ACLED's event types, sub_event_type"
        var types: [String: (eventType: EventType, subEventType: String?)] = [:]
        for (line, fields) in try EmbeddedTable.rows(text, columns: 4, expected: expected) {
            guard !fields[0].isEmpty, fields[0].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let eventType = EventType(acledName: fields[2]) else { throw RowProblem("line \(line): expected \(expected)") }
            let subEventType = fields[3].isEmpty ? nil : eventType.canonicalSubEventType(fields[3])
            guard fields[3].isEmpty || subEventType != nil else {
                throw RowProblem("line \(line): '\(fields[3])' is not a sub-event type of \(eventType.rawValue)")
            }
            guard types[fields[0]] == nil else { throw RowProblem("line \(line): CAMEO code \(fields[0]) is listed twice") }
            types[fields[0]] = (eventType, subEventType)
        }
        self.types = types
    }

    /// ACLED's type for a GDELT row's codes: its `eventCode` if listed, else its `baseCode`,
    /// else its `rootCode`; `nil` when none is (an event ACLED does not map).
    func map(eventCode: String, baseCode: String, rootCode: String) -> (eventType: EventType, subEventType: String?)? {
        types[eventCode] ?? types[baseCode] ?? types[rootCode]
    }
}
