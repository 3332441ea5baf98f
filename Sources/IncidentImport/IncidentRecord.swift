import Foundation
import IncidentMapCore

/// Turns one input row, keyed by ACLED column names, into an `Incident`, checking every value.
///
/// ACLED's columns that incidentmap does not read (``KeptColumns``: `year`, `iso`, `admin2` …)
/// are kept as the row gives them; `inter1` and `inter2` are read too, to map the pre-2019
/// "Riots/Protests" (see ``LegacyEventTypes``). The row's columns that no one names come in
/// at ``unknownSlot`` as one JSON object (``OtherColumns``).
enum IncidentRecord {
    /// Each column's slot in the values ``incident(from:)`` takes, by ACLED name.
    static let slots: [String: Int] = Dictionary(uniqueKeysWithValues: Incident.Column.allCases.map { ($0.rawValue, $0.index) })
    /// The slot of an article's `text`, read from JSON rows only (a CSV file is never articles):
    /// a file holds incidents or articles, so a JSON row with `text` in a file of incidents is
    /// refused rather than read as an incident with the article dropped.
    static let textSlot = Incident.Column.allCases.count
    /// The slot of the row's unknown columns, as ``OtherColumns/json(_:)`` writes them.
    static let unknownSlot = textSlot + 1
    /// ``slots`` and `text`, for JSON Lines and API rows.
    static let jsonSlots = slots.merging(["text": textSlot]) { stored, _ in stored }
    /// How many values ``incident(from:)`` takes.
    static let slotCount = unknownSlot + 1

    /// `values` holds each column's text at its slot (``slots``), `nil` where absent.
    static func incident(from values: [String?]) throws(RowProblem) -> Incident {
        func value(_ column: Incident.Column) -> String? {
            guard let raw = values[column.index] else { return nil }
            let text = trimmed(raw)
            return text.isEmpty ? nil : text
        }
        func required(_ column: Incident.Column) throws(RowProblem) -> String {
            guard let text = value(column) else { throw RowProblem("missing \(column.rawValue)") }
            return text
        }
        func number(_ column: Incident.Column) throws(RowProblem) -> Double {
            let text = try required(column)
            guard let number = Double(decimal: text) else {
                throw RowProblem("\(column.rawValue) '\(text)' is not a number in decimal degrees (such as 32.8942 or -13.5)")
            }
            return number
        }
        func code<T: RawRepresentable<Int>>(_ column: Incident.Column, as type: T.Type, default fallback: T) throws(RowProblem) -> T {
            guard let text = value(column) else { return fallback }
            guard let raw = Int(text), let code = T(rawValue: raw) else {
                throw RowProblem("\(column.rawValue) '\(text)' must be 1, 2 or 3")
            }
            return code
        }

        if values[textSlot] != nil {
            throw RowProblem("a \"text\" member, as an article has, in a file of incidents: a file holds incidents or articles, "
                             + "not both; put the articles in a file of their own")
        }
        let coordinate: Coordinate
        do {
            coordinate = try Coordinate(latitude: try number(.latitude), longitude: try number(.longitude))
        } catch let problem as RowProblem {
            throw problem
        } catch {
            throw RowProblem(String(describing: error))
        }
        let dateText = try required(.eventDate)
        let date: IncidentDate
        do {
            date = try IncidentDate(acledEventDate: dateText)
        } catch {
            // "event_date '31-02-19': date 2019-02-31 does not exist"; an unreadable date's
            // message names the column itself.
            if case .impossible = error { throw RowProblem("event_date '\(dateText)': \(error)") }
            throw RowProblem(error.description)
        }
        let typeName = try required(.eventType)
        let eventType: EventType
        var subEventType: String?
        var originalEventType = value(.originalEventType)
        if let current = EventType(acledName: typeName) {
            eventType = current
        } else if let mapped = LegacyEventTypes.shared.map(typeName, inter: [value(.inter1), value(.inter2)].compactMap { $0 }) {
            eventType = mapped.eventType
            subEventType = mapped.subEventType
            originalEventType = typeName
        } else {
            throw RowProblem("event_type '\(typeName)' is not one of ACLED's: "
                             + EventType.allCases.map(\.rawValue).joined(separator: ", ")
                             + " (or of its types before 2019, such as Riots/Protests or Remote violence)")
        }
        if let name = value(.subEventType) {
            guard let canonical = eventType.canonicalSubEventType(name) else {
                throw RowProblem("sub_event_type '\(name)' is not one of \(eventType.rawValue)'s: "
                                 + eventType.subEventTypes.joined(separator: ", "))
            }
            subEventType = canonical
        }
        var fatalities = 0
        if let text = value(.fatalities) {
            guard let count = Int(text), count >= 0 else {
                throw RowProblem("fatalities '\(text)' must be a whole number, 0 or more")
            }
            fatalities = count
        }
        var evidence: [EvidenceSpan] = []
        if let text = value(.evidence) {
            guard let spans = try? JSONDecoder().decode([EvidenceSpan].self, from: Data(text.utf8)) else {
                throw RowProblem("evidence must be a JSON array of {\"text\", \"start\", \"end\"}")
            }
            evidence = spans
        }
        var kept = KeptColumns()
        // Only the values given: setting a column to nil looks through all of them.
        for column in KeptColumns.columns where column != .otherColumns {
            if let text = value(column) { kept[column] = text }
        }
        if let other = try OtherColumns.merged(given: value(.otherColumns), unknown: values[unknownSlot]) { kept[.otherColumns] = other }
        return Incident(
            eventID: value(.eventID), eventDate: date,
            timePrecision: try code(.timePrecision, as: TimePrecision.self, default: .day),
            eventType: eventType, subEventType: subEventType,
            actor1: value(.actor1), actor2: value(.actor2), admin1: value(.admin1),
            location: value(.location), coordinate: coordinate,
            geoPrecision: try code(.geoPrecision, as: GeoPrecision.self, default: .place),
            fatalities: fatalities, source: value(.source), notes: value(.notes),
            locationArabic: value(.locationArabic), placeID: value(.placeID),
            sourceURL: value(.sourceURL), evidence: evidence, originalEventType: originalEventType, keptColumns: kept)
    }
}

/// `text` without surrounding white space; the common case (none) costs one look at each end,
/// where Foundation's `trimmingCharacters` bridges every value.
@inline(__always)
func trimmed(_ text: String) -> String {
    // Printable ASCII at both ends (dates, numbers, most names) needs no Unicode lookup.
    if let first = text.utf8.first, let last = text.utf8.last,
       (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return text }
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
          first.properties.isWhitespace || last.properties.isWhitespace else { return text }
    return String(text.unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
        .map(Character.init))
}

/// What is wrong with one row, before the file and line are known.
struct RowProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
