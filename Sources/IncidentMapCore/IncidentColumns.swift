/// An incident's values in ``Incident/Column`` order: text as UTF-8 bytes, integers, numbers,
/// and the evidence as JSON text. The exports write from this, so that the store can hand out
/// its rows straight from SQLite's buffers, with no `String` or ``Incident`` built per row.
///
/// A text pointer is valid until the next row (or the end of the call that handed the row out).
public protocol IncidentColumns {
    /// The UTF-8 bytes of a `.text` or `.json` column; `nil` for NULL.
    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>?
    /// An `.integer` column's value.
    func integer(_ column: Int) -> Int
    /// A `.number` column's value.
    func number(_ column: Int) -> Double
}

extension Incident.Column {
    /// How a column's value is held.
    public enum Storage: Sendable {
        case text, integer, number
        /// JSON text, written into a JSON document as it is (the evidence).
        case json
    }

    public var storage: Storage {
        switch self {
        case .timePrecision, .geoPrecision, .fatalities: return .integer
        case .latitude, .longitude: return .number
        case .evidence, .otherColumns: return .json
        default: return .text
        }
    }

    /// The column's position in `allCases` (and in the store's select list), without a search.
    public var index: Int {
        switch self {
        case .eventID: return 0
        case .eventDate: return 1
        case .year: return 2
        case .timePrecision: return 3
        case .disorderType: return 4
        case .eventType: return 5
        case .subEventType: return 6
        case .actor1: return 7
        case .assocActor1: return 8
        case .inter1: return 9
        case .actor2: return 10
        case .assocActor2: return 11
        case .inter2: return 12
        case .interaction: return 13
        case .civilianTargeting: return 14
        case .iso: return 15
        case .region: return 16
        case .country: return 17
        case .admin1: return 18
        case .admin2: return 19
        case .admin3: return 20
        case .location: return 21
        case .latitude: return 22
        case .longitude: return 23
        case .geoPrecision: return 24
        case .source: return 25
        case .sourceScale: return 26
        case .notes: return 27
        case .fatalities: return 28
        case .tags: return 29
        case .timestamp: return 30
        case .locationArabic: return 31
        case .placeID: return 32
        case .sourceURL: return 33
        case .evidence: return 34
        case .ingestedAt: return 35
        case .originalEventType: return 36
        case .otherColumns: return 37
        }
    }

    /// The column's position among ``KeptColumns/columns`` (those kept as the input gave them,
    /// see ``KeptColumns``); `nil` for a column incidentmap reads.
    public var keptIndex: Int? {
        switch self {
        case .year: return 0
        case .disorderType: return 1
        case .assocActor1: return 2
        case .inter1: return 3
        case .assocActor2: return 4
        case .inter2: return 5
        case .interaction: return 6
        case .civilianTargeting: return 7
        case .iso: return 8
        case .region: return 9
        case .country: return 10
        case .admin2: return 11
        case .admin3: return 12
        case .sourceScale: return 13
        case .tags: return 14
        case .timestamp: return 15
        case .otherColumns: return 16
        default: return nil
        }
    }

    /// Every column's storage, indexed like `allCases`.
    public static let storages: [Storage] = allCases.map(\.storage)
}

extension EvidenceSpan {
    /// Appends `spans` as the JSON array the store keeps and the exports write:
    /// `[{"text":…,"start":…,"end":…,"source":…,"highlights":[{"kind":…,"start":…,"end":…}]}]`,
    /// `source` and `highlights` only where there are some.
    public static func appendJSON(_ spans: [EvidenceSpan], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "["))
        for (index, span) in spans.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONText.appendLiteral("{\"text\":", to: &buffer)
            JSONText.appendString(span.text, to: &buffer)
            JSONText.appendLiteral(",\"start\":", to: &buffer)
            JSONText.appendInteger(span.start, to: &buffer)
            JSONText.appendLiteral(",\"end\":", to: &buffer)
            JSONText.appendInteger(span.end, to: &buffer)
            if let source = span.source {
                JSONText.appendLiteral(",\"source\":", to: &buffer)
                JSONText.appendString(source, to: &buffer)
            }
            if !span.highlights.isEmpty {
                JSONText.appendLiteral(",\"highlights\":[", to: &buffer)
                for (number, highlight) in span.highlights.enumerated() {
                    if number > 0 { buffer.append(UInt8(ascii: ",")) }
                    JSONText.appendLiteral("{\"kind\":", to: &buffer)
                    JSONText.appendString(highlight.kind.rawValue, to: &buffer)
                    JSONText.appendLiteral(",\"start\":", to: &buffer)
                    JSONText.appendInteger(highlight.start, to: &buffer)
                    JSONText.appendLiteral(",\"end\":", to: &buffer)
                    JSONText.appendInteger(highlight.end, to: &buffer)
                    buffer.append(UInt8(ascii: "}"))
                }
                buffer.append(UInt8(ascii: "]"))
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// `spans` as JSON text (see ``appendJSON(_:to:)``).
    public static func json(_ spans: [EvidenceSpan]) -> String {
        var buffer: [UInt8] = []
        appendJSON(spans, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// An ``Incident``'s columns as ``IncidentColumns``: its text encoded once into one buffer.
/// For incidents that exist as values already (a radius query's, an article's); the store's
/// exports read their rows without one.
public final class IncidentColumnValues: IncidentColumns {
    private let incident: Incident
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ranges: [Range<Int>?]

    public init(_ incident: Incident) {
        self.incident = incident
        var buffer: [UInt8] = []
        var ranges: [Range<Int>?] = []
        func add(_ text: String?) {
            guard let text else {
                ranges.append(nil)
                return
            }
            let start = buffer.count
            buffer.append(contentsOf: text.utf8)
            ranges.append(start..<buffer.count)
        }
        for column in Incident.Column.allCases {
            switch column.storage {
            case .text, .json: add(incident.text(column))
            case .integer, .number: ranges.append(nil)
            }
        }
        bytes = .allocate(capacity: max(1, buffer.count))
        _ = bytes.initialize(from: buffer)
        self.ranges = ranges
    }

    deinit { bytes.deallocate() }

    public func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let range = ranges[column] else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[range])
    }

    public func integer(_ column: Int) -> Int { incident.integer(Incident.Column.allCases[column]) }

    public func number(_ column: Int) -> Double { incident.number(Incident.Column.allCases[column]) }
}

extension Incident {
    /// The value of a `.text` or `.json` column (``Incident/Column/storage``) as the store
    /// keeps it and the exports write it; `nil` for NULL (and for other columns).
    public func text(_ column: Column) -> String? {
        switch column {
        case .eventID: return eventID
        case .eventDate: return eventDate.description
        case .eventType: return eventType.rawValue
        case .subEventType: return subEventType
        case .actor1: return actor1
        case .actor2: return actor2
        case .admin1: return admin1
        case .location: return location
        case .source: return source
        case .notes: return notes
        case .locationArabic: return locationArabic
        case .placeID: return placeID
        case .sourceURL: return sourceURL
        case .evidence: return evidence.isEmpty ? nil : EvidenceSpan.json(evidence)
        case .ingestedAt: return ingestedAt.map(Timestamp.string(from:))
        case .originalEventType: return originalEventType
        case .timePrecision, .latitude, .longitude, .geoPrecision, .fatalities: return nil
        // The columns kept as the input gave them.
        default: return keptColumns[column]
        }
    }

    /// The value of an `.integer` column; 0 for other columns.
    public func integer(_ column: Column) -> Int {
        switch column {
        case .timePrecision: return timePrecision.rawValue
        case .geoPrecision: return geoPrecision.rawValue
        case .fatalities: return fatalities
        default: return 0
        }
    }

    /// The value of a `.number` column; NaN for other columns.
    public func number(_ column: Column) -> Double {
        switch column {
        case .latitude: return coordinate.latitude
        case .longitude: return coordinate.longitude
        default: return .nan
        }
    }
}
