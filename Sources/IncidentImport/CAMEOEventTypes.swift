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

    /// The table built into incidentmap. A broken file is a build mistake that the tests
    /// catch, so it stops the program with the file's own message.
    static let shared: CAMEOEventTypes = {
        guard let file = EmbeddedResources.files.first(where: { $0.name == "cameo-event-types.tsv" }) else {
            fatalError("Data/acled/cameo-event-types.tsv is not built into incidentmap")
        }
        do throws(RowProblem) {
            return try CAMEOEventTypes(tsv: file.text)
        } catch {
            fatalError("Data/acled/cameo-event-types.tsv: \(error.reason)")
        }
    }()

    init(tsv text: String) throws(RowProblem) {
        var types: [String: (eventType: EventType, subEventType: String?)] = [:]
        var sawHeader = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            guard sawHeader else {
                sawHeader = true
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, !fields[0].isEmpty, fields[0].allSatisfy(\.isASCII), fields[0].allSatisfy(\.isNumber),
                  let eventType = EventType(acledName: fields[2]) else {
                throw RowProblem("line \(number + 1): expected cameo_code (digits), cameo_name, one of ACLED's event types, sub_event_type")
            }
            let subEventType = fields[3].isEmpty ? nil : eventType.canonicalSubEventType(fields[3])
            guard fields[3].isEmpty || subEventType != nil else {
                throw RowProblem("line \(number + 1): '\(fields[3])' is not a sub-event type of \(eventType.rawValue)")
            }
            guard types[fields[0]] == nil else { throw RowProblem("line \(number + 1): CAMEO code \(fields[0]) is listed twice") }
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
