import Extraction
import Foundation
import IncidentMapCore

/// One incident as JSON: every column of `Incident.Column` under its name, each present (`null`
/// where empty), the evidence as an array of spans and `other_columns` as an object. It is the
/// object `export --format json`, `near` and the API write for each incident (their streaming
/// writers write it by hand, for speed: `IncidentPropertiesTests` checks the two agree), and, for
/// an incident just extracted, with how it was read: `trigger`, `language`, `status`. A radius
/// query's incidents carry `distance_m`.
///
/// The members come from the column list, so that a column added there is written, read and
/// compared here without an edit.
///
/// ```swift
/// let json = try JSONOutput.string(IncidentProperties(incident))
/// print(IncidentProperties(incident).text(.location) ?? "")
/// ```
public struct IncidentProperties: Codable, Hashable, Sendable {
    /// A column's value as the JSON holds it, by the column's `storage`.
    public enum Value: Hashable, Sendable {
        case text(String)
        case integer(Int)
        case number(Double)
        /// The evidence: the spans the incident was read from.
        case evidence([EvidenceSpan])
        /// `other_columns`: the input's columns that no one names, by name.
        case object([String: String])
    }

    /// Every column's value, by the column's `index`; `nil` is written `null`.
    private var values: [Value?]
    /// Extraction's own: the trigger words as they stand in the text.
    public var trigger: String?
    /// Extraction's own: the article's language, `ar` or `en`.
    public var language: String?
    /// Extraction's own: whether the text reports it as having happened (`extract --all`).
    public var status: String?
    /// A radius query's own: the geodesic distance from the centre in metres.
    public var distanceMetres: Double?

    /// The columns an incident always has, extracted or stored, dated or not: JSON without
    /// them is no incident.
    static let required: [Incident.Column] = [.eventType, .latitude, .longitude, .geoPrecision, .fatalities]

    /// The value of `column`; `nil` where it is `null`.
    public subscript(column: Incident.Column) -> Value? {
        get { values[column.index] }
        set { values[column.index] = newValue }
    }

    /// The text of a `.text` column; `nil` where it is `null` (or for another column).
    public func text(_ column: Incident.Column) -> String? {
        guard case .text(let text) = self[column] else { return nil }
        return text
    }

    /// The value of a `.number` column (latitude, longitude), which every incident has.
    public func number(_ column: Incident.Column) -> Double? {
        guard case .number(let number) = self[column] else { return nil }
        return number
    }

    /// A stored (or storable) incident's columns.
    public init(_ incident: Incident, distanceMetres: Double? = nil) {
        values = Incident.Column.allCases.map { column in
            switch column.storage {
            case .text: return incident.text(column).map(Value.text)
            case .integer: return .integer(incident.integer(column))
            case .number: return .number(incident.number(column))
            case .json where column == .evidence: return incident.evidence.isEmpty ? nil : .evidence(incident.evidence)
            case .json:
                return incident.text(column).flatMap { text in
                    (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))).map(Value.object)
                }
            }
        }
        self.distanceMetres = distanceMetres
    }

    /// A date for the incident an undated extraction would be; the columns made from it are
    /// cleared again.
    private static let anyDate = try! IncidentDate(year: 2000, month: 1, day: 1)

    /// An extracted incident: the incident it would be stored as (its date, id and time
    /// precision `null`, and a note saying why, where its date is unknown) and how it was read.
    public init(_ extracted: ExtractedIncident) {
        if let incident = extracted.storedIncident() {
            self.init(incident)
        } else {
            let place = extracted.place
            self.init(Incident(eventID: "", eventDate: Self.anyDate, eventType: extracted.eventType,
                               subEventType: extracted.subEventType, actor1: extracted.actor1, actor2: extracted.actor2,
                               admin1: place.admin1, location: place.nameEnglish, coordinate: place.coordinate,
                               geoPrecision: extracted.geoPrecision, fatalities: extracted.fatalities, source: extracted.source,
                               notes: extracted.dateProblem.map { "date unknown: \($0)" }, locationArabic: place.nameArabic,
                               placeID: place.id, sourceURL: extracted.sourceURL, evidence: extracted.evidence))
            for column in [Incident.Column.eventID, .eventDate, .timePrecision] { self[column] = nil }
        }
        trigger = extracted.triggerText
        language = extracted.language
        status = extracted.status.rawValue
    }

    /// A member's name as a coding key: a column's, or one of the members that apply to some
    /// incidents only.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let trigger = Key("trigger")
        static let language = Key("language")
        static let status = Key("status")
        static let distanceMetres = Key("distance_m")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        values = try Incident.Column.allCases.map { column in
            let key = Key(column.rawValue)
            switch column.storage {
            case .text: return try container.decodeIfPresent(String.self, forKey: key).map(Value.text)
            case .integer: return try container.decodeIfPresent(Int.self, forKey: key).map(Value.integer)
            case .number: return try container.decodeIfPresent(Double.self, forKey: key).map(Value.number)
            case .json where column == .evidence: return try container.decodeIfPresent([EvidenceSpan].self, forKey: key).map(Value.evidence)
            case .json: return try container.decodeIfPresent([String: String].self, forKey: key).map(Value.object)
            }
        }
        for column in Self.required where values[column.index] == nil {
            throw DecodingError.valueNotFound(Value.self, DecodingError.Context(
                codingPath: container.codingPath + [Key(column.rawValue)],
                debugDescription: "an incident has \(column.rawValue) always"))
        }
        trigger = try container.decodeIfPresent(String.self, forKey: .trigger)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        distanceMetres = try container.decodeIfPresent(Double.self, forKey: .distanceMetres)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        // Every column is there, null where empty, as the streaming writers write them.
        for column in Incident.Column.allCases {
            let key = Key(column.rawValue)
            switch self[column] {
            case nil: try container.encodeNil(forKey: key)
            case .text(let text): try container.encode(text, forKey: key)
            case .integer(let integer): try container.encode(integer, forKey: key)
            case .number(let number): try container.encode(number, forKey: key)
            case .evidence(let spans): try container.encode(spans, forKey: key)
            case .object(let object): try container.encode(object, forKey: key)
            }
        }
        // The others only where they apply.
        try container.encodeIfPresent(trigger, forKey: .trigger)
        try container.encodeIfPresent(language, forKey: .language)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(distanceMetres, forKey: .distanceMetres)
    }
}
