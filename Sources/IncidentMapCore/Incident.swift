import Foundation

/// One incident: an event at a place on a day, with ACLED's columns and incidentmap's own.
///
/// Property names follow Swift; ``Incident/Column`` maps each to the ACLED column name that the
/// store, the exports and the importers use.
public struct Incident: Hashable, Sendable {
    /// ACLED's `event_id_cnty`: a stable id. Derived from source and content where the input
    /// has none (see ``Incident/derivedEventID(for:)``).
    public var eventID: String
    public var eventDate: IncidentDate
    public var timePrecision: TimePrecision
    public var eventType: EventType
    public var subEventType: String?
    public var actor1: String?
    public var actor2: String?
    public var admin1: String?
    /// The place's English name (ACLED's `location`).
    public var location: String?
    public var coordinate: Coordinate
    public var geoPrecision: GeoPrecision
    public var fatalities: Int
    public var source: String?
    public var notes: String?
    /// The place's Arabic name.
    public var locationArabic: String?
    /// The gazetteer id of the place.
    public var placeID: String?
    public var sourceURL: String?
    /// The sentences the incident was read from, with their offsets in the source text.
    public var evidence: [EvidenceSpan]
    /// When the incident entered the store (set by the store; `nil` before).
    public var ingestedAt: Date?
    /// The `event_type` the input gave where it was one of ACLED's types from before 2019
    /// ("Riots/Protests", "Remote violence" …), which ``eventType`` holds today's name of.
    public var originalEventType: String?
    /// ACLED's columns that incidentmap keeps as the input gave them without reading them
    /// (`year`, `disorder_type`, `assoc_actor_1`, `inter1`, `iso`, `country`, `admin2`, `tags`
    /// …), and the input's columns that are not ACLED's, as one JSON object (`other_columns`):
    /// an export gives them back.
    public var keptColumns: KeptColumns

    public init(eventID: String? = nil, eventDate: IncidentDate, timePrecision: TimePrecision = .day,
                eventType: EventType, subEventType: String? = nil,
                actor1: String? = nil, actor2: String? = nil, admin1: String? = nil,
                location: String? = nil, coordinate: Coordinate, geoPrecision: GeoPrecision = .place,
                fatalities: Int = 0, source: String? = nil, notes: String? = nil,
                locationArabic: String? = nil, placeID: String? = nil, sourceURL: String? = nil,
                evidence: [EvidenceSpan] = [], ingestedAt: Date? = nil, originalEventType: String? = nil,
                keptColumns: KeptColumns = KeptColumns()) {
        self.eventID = ""
        self.eventDate = eventDate
        self.timePrecision = timePrecision
        self.eventType = eventType
        self.subEventType = subEventType
        self.actor1 = actor1
        self.actor2 = actor2
        self.admin1 = admin1
        self.location = location
        self.coordinate = coordinate
        self.geoPrecision = geoPrecision
        self.fatalities = fatalities
        self.source = source
        self.notes = notes
        self.locationArabic = locationArabic
        self.placeID = placeID
        self.sourceURL = sourceURL
        self.evidence = evidence
        self.ingestedAt = ingestedAt
        self.originalEventType = originalEventType
        self.keptColumns = keptColumns
        self.eventID = eventID ?? Incident.derivedEventID(for: self)
    }

    /// The columns of an incident, in export order, under their ACLED names: ACLED's current
    /// 31-column layout in its order (as its exports and API write it since 2023), then
    /// incidentmap's own.
    public enum Column: String, CaseIterable, Sendable {
        case eventID = "event_id_cnty"
        case eventDate = "event_date"
        case year
        case timePrecision = "time_precision"
        case disorderType = "disorder_type"
        case eventType = "event_type"
        case subEventType = "sub_event_type"
        case actor1
        case assocActor1 = "assoc_actor_1"
        case inter1
        case actor2
        case assocActor2 = "assoc_actor_2"
        case inter2, interaction
        case civilianTargeting = "civilian_targeting"
        case iso, region, country, admin1, admin2, admin3, location, latitude, longitude
        case geoPrecision = "geo_precision"
        case source
        case sourceScale = "source_scale"
        case notes, fatalities, tags, timestamp
        case locationArabic = "location_ar"
        case placeID = "place_id"
        case sourceURL = "source_url"
        case evidence
        case ingestedAt = "ingested_at"
        case originalEventType = "original_event_type"
        /// The input's columns that are not ACLED's nor incidentmap's, as a JSON object of
        /// their names and text (`{"event_id_no_cnty":"1234","source_file":"a.csv"}`).
        case otherColumns = "other_columns"
    }

    /// A stable id made from what the incident says: the same source and content always give
    /// the same id, so re-ingesting a file without ids adds nothing.
    public static func derivedEventID(for incident: Incident) -> String {
        let content = [
            incident.source ?? "", incident.sourceURL ?? "", incident.eventDate.description,
            incident.eventType.rawValue, incident.subEventType ?? "",
            incident.actor1 ?? "", incident.actor2 ?? "", incident.location ?? "",
            String(incident.coordinate.latitude), String(incident.coordinate.longitude),
            incident.notes ?? "",
        ].joined(separator: "\u{1F}")
        return "IM" + String(StableHash.fnv1a64(content), radix: 16, uppercase: true)
    }
}

/// A stretch of source text that reports an incident.
///
/// Its JSON has one shape: what ``appendJSON(_:to:)`` writes for the store and the streaming
/// exports (the fast path), `encode(to:)` writes for the incident JSON of `extract`, `near` and
/// the API (`IncidentProperties`), member for member the same.
public struct EvidenceSpan: Hashable, Sendable, Codable {
    /// The sentence (or clause) as it stands in the source.
    public var text: String
    /// Offset of its first character in the source text, counted in Unicode scalars (code
    /// points, as Python and most NLP tools count them).
    public var start: Int
    /// Offset one past its last character.
    public var end: Int
    /// The source the text came from, where incidents from several articles were merged.
    public var source: String?
    /// The words inside the span that made the incident: its place and its trigger, with
    /// offsets in the same source text as ``start`` and ``end``.
    public var highlights: [Highlight]

    public init(text: String, start: Int, end: Int, source: String? = nil, highlights: [Highlight] = []) {
        self.text = text
        self.start = start
        self.end = end
        self.source = source
        self.highlights = highlights
    }

    /// Whether `other` is the same stretch of the same source (whatever it highlights).
    public func isSameStretch(as other: EvidenceSpan) -> Bool {
        start == other.start && end == other.end && source == other.source && text == other.text
    }

    /// A word in an evidence span that the incident was read from.
    public struct Highlight: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable {
            /// The place name.
            case place
            /// The words that say what happened ("غارة جوية", "clashes").
            case trigger
        }

        public var kind: Kind
        /// Offsets in the source text, in Unicode scalars, like the span's.
        public var start: Int
        public var end: Int

        public init(kind: Kind, start: Int, end: Int) {
            self.kind = kind
            self.start = start
            self.end = end
        }
    }

    enum CodingKeys: String, CodingKey { case text, start, end, source, highlights }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        // Spans stored before highlights existed have none.
        highlights = try container.decodeIfPresent([Highlight].self, forKey: .highlights) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encodeIfPresent(source, forKey: .source)
        if !highlights.isEmpty { try container.encode(highlights, forKey: .highlights) }
    }

    /// Adds `other`'s highlights to these (the same stretch told by another trigger or place).
    public mutating func mergeHighlights(of other: EvidenceSpan) {
        for highlight in other.highlights where !highlights.contains(highlight) { highlights.append(highlight) }
        highlights.sort { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}

/// Adds `span` to `spans`, or merges its highlights into the same stretch already there.
public func appendEvidence(_ span: EvidenceSpan, to spans: inout [EvidenceSpan]) {
    appendEvidence(contentsOf: [span], to: &spans)
}

/// Adds each of `newSpans` to `spans`, or merges its highlights into the same stretch already
/// there. The stretches are looked up, not scanned: an event told in thousands of sentences of
/// one long text made a scan per span grow with the square of the text.
public func appendEvidence(contentsOf newSpans: [EvidenceSpan], to spans: inout [EvidenceSpan]) {
    struct Stretch: Hashable { let start: Int, end: Int, source: String? }
    var indexes: [Stretch: [Int]] = [:]
    for (index, span) in spans.enumerated() { indexes[Stretch(start: span.start, end: span.end, source: span.source), default: []].append(index) }
    for span in newSpans {
        let stretch = Stretch(start: span.start, end: span.end, source: span.source)
        if let index = indexes[stretch]?.first(where: { spans[$0].isSameStretch(as: span) }) {
            spans[index].mergeHighlights(of: span)
        } else {
            indexes[stretch, default: []].append(spans.count)
            spans.append(span)
        }
    }
}

/// A 64-bit FNV-1a hash: enough to tell apart a few million incident ids, and stable across
/// runs and platforms, which Swift's own `Hasher` is not. Written here because ids need no
/// cryptographic strength and a crypto package would be a heavy dependency for five lines.
/// The phrase indexes fingerprint their keys with it too, so it is inlinable: it runs for
/// every word looked up.
public enum StableHash {
    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes.
    @inlinable
    public static func fnv1a64(_ text: String) -> UInt64 {
        // Over the contiguous bytes: iterating `text.utf8` decoded each byte through the
        // string's generic index, several times the loop's own work for the short words of
        // the phrase indexes (a small string is copied to the stack for `withUTF8`).
        var text = text
        return text.withUTF8(fnv1a64(bytes:))
    }

    /// The 64-bit FNV-1a hash of `bytes`: what ``fnv1a64(_:)`` gives for the string they encode.
    @inlinable
    public static func fnv1a64(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
