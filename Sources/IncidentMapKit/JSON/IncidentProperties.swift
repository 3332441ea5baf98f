import Extraction
import Foundation
import IncidentMapCore

/// One incident as JSON: ACLED's columns under their names, every one present (`null` where
/// empty), the evidence as an array of spans. It is the object `export --format json`, `near`
/// and the API write for each incident (their streaming writers write it by hand, for speed:
/// `IncidentPropertiesTests` checks the two agree), and, for an incident just extracted, with
/// how it was read: `trigger`, `language`, `status`. A radius query's incidents carry
/// `distance_m`.
///
/// ```swift
/// let json = try JSONOutput.string(IncidentProperties(incident))
/// ```
public struct IncidentProperties: Codable, Hashable, Sendable {
    /// `null` for an extracted incident whose date is unknown (it gets its id from its date).
    public var eventID: String?
    public var eventDate: String?
    public var timePrecision: Int?
    public var eventType: String
    public var subEventType: String?
    public var actor1: String?
    public var actor2: String?
    public var admin1: String?
    public var location: String?
    public var latitude: Double
    public var longitude: Double
    public var geoPrecision: Int
    public var fatalities: Int
    public var source: String?
    public var notes: String?
    public var locationArabic: String?
    public var placeID: String?
    public var sourceURL: String?
    /// `null` where there is none, as the store keeps it.
    public var evidence: [EvidenceSpan]?
    public var ingestedAt: String?
    public var originalEventType: String?
    /// ACLED's columns kept as the input gave them (``KeptColumns``), by column name: each
    /// present, `null` where empty.
    public var keptColumns: [String: String] = [:]
    /// The input's columns that no one names, as a JSON object (`other_columns`).
    public var otherColumns: [String: String]?
    /// Extraction's own: the trigger words as they stand in the text.
    public var trigger: String?
    /// Extraction's own: the article's language, `ar` or `en`.
    public var language: String?
    /// Extraction's own: whether the text reports it as having happened (`extract --all`).
    public var status: String?
    /// A radius query's own: the geodesic distance from the centre in metres.
    public var distanceMetres: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case eventID = "event_id_cnty"
        case eventDate = "event_date"
        case timePrecision = "time_precision"
        case eventType = "event_type"
        case subEventType = "sub_event_type"
        case actor1, actor2, admin1, location, latitude, longitude
        case geoPrecision = "geo_precision"
        case fatalities, source, notes
        case locationArabic = "location_ar"
        case placeID = "place_id"
        case sourceURL = "source_url"
        case evidence
        case ingestedAt = "ingested_at"
        case originalEventType = "original_event_type"
        case trigger, language, status
        case distanceMetres = "distance_m"
    }

    /// A stored (or storable) incident's columns.
    public init(_ incident: Incident, distanceMetres: Double? = nil) {
        eventID = incident.eventID
        eventDate = incident.eventDate.description
        timePrecision = incident.timePrecision.rawValue
        eventType = incident.eventType.rawValue
        subEventType = incident.subEventType
        actor1 = incident.actor1
        actor2 = incident.actor2
        admin1 = incident.admin1
        location = incident.location
        latitude = incident.coordinate.latitude
        longitude = incident.coordinate.longitude
        geoPrecision = incident.geoPrecision.rawValue
        fatalities = incident.fatalities
        source = incident.source
        notes = incident.notes
        locationArabic = incident.locationArabic
        placeID = incident.placeID
        sourceURL = incident.sourceURL
        evidence = incident.evidence.isEmpty ? nil : incident.evidence
        ingestedAt = incident.ingestedAt.map(Timestamp.string(from:))
        originalEventType = incident.originalEventType
        for column in KeptColumns.columns where column != .otherColumns {
            if let value = incident.keptColumns[column] { keptColumns[column.rawValue] = value }
        }
        otherColumns = incident.keptColumns[.otherColumns].flatMap { text in
            try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        }
        self.distanceMetres = distanceMetres
    }

    /// The name of a column kept as given, as a coding key.
    struct ColumnKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventID = try container.decodeIfPresent(String.self, forKey: .eventID)
        eventDate = try container.decodeIfPresent(String.self, forKey: .eventDate)
        timePrecision = try container.decodeIfPresent(Int.self, forKey: .timePrecision)
        eventType = try container.decode(String.self, forKey: .eventType)
        subEventType = try container.decodeIfPresent(String.self, forKey: .subEventType)
        actor1 = try container.decodeIfPresent(String.self, forKey: .actor1)
        actor2 = try container.decodeIfPresent(String.self, forKey: .actor2)
        admin1 = try container.decodeIfPresent(String.self, forKey: .admin1)
        location = try container.decodeIfPresent(String.self, forKey: .location)
        latitude = try container.decode(Double.self, forKey: .latitude)
        longitude = try container.decode(Double.self, forKey: .longitude)
        geoPrecision = try container.decode(Int.self, forKey: .geoPrecision)
        fatalities = try container.decode(Int.self, forKey: .fatalities)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        locationArabic = try container.decodeIfPresent(String.self, forKey: .locationArabic)
        placeID = try container.decodeIfPresent(String.self, forKey: .placeID)
        sourceURL = try container.decodeIfPresent(String.self, forKey: .sourceURL)
        evidence = try container.decodeIfPresent([EvidenceSpan].self, forKey: .evidence)
        ingestedAt = try container.decodeIfPresent(String.self, forKey: .ingestedAt)
        originalEventType = try container.decodeIfPresent(String.self, forKey: .originalEventType)
        trigger = try container.decodeIfPresent(String.self, forKey: .trigger)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        distanceMetres = try container.decodeIfPresent(Double.self, forKey: .distanceMetres)
        let kept = try decoder.container(keyedBy: ColumnKey.self)
        for column in KeptColumns.columns where column != .otherColumns {
            if let value = try kept.decodeIfPresent(String.self, forKey: ColumnKey(stringValue: column.rawValue)) {
                keptColumns[column.rawValue] = value
            }
        }
        otherColumns = try kept.decodeIfPresent([String: String].self, forKey: ColumnKey(stringValue: Incident.Column.otherColumns.rawValue))
    }

    /// An extracted incident: the incident it would be stored as (its date, id and notes
    /// `null`, and a note saying why, where its date is unknown) and how it was read.
    public init(_ extracted: ExtractedIncident) {
        if let incident = extracted.storedIncident() {
            self = IncidentProperties(incident)
        } else {
            let place = extracted.place
            eventID = nil
            eventDate = nil
            timePrecision = nil
            eventType = extracted.eventType.rawValue
            subEventType = extracted.subEventType
            actor1 = extracted.actor1
            actor2 = extracted.actor2
            admin1 = place.admin1
            location = place.nameEnglish
            latitude = place.coordinate.latitude
            longitude = place.coordinate.longitude
            geoPrecision = extracted.geoPrecision.rawValue
            fatalities = extracted.fatalities
            source = extracted.source
            notes = extracted.dateProblem.map { "date unknown: \($0)" }
            locationArabic = place.nameArabic
            placeID = place.id
            sourceURL = extracted.sourceURL
            evidence = extracted.evidence.isEmpty ? nil : extracted.evidence
        }
        trigger = extracted.triggerText
        language = extracted.language
        status = extracted.status.rawValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // ACLED's columns are always there, null where empty, as the streaming writers write them.
        try container.encode(eventID, forKey: .eventID)
        try container.encode(eventDate, forKey: .eventDate)
        try container.encode(timePrecision, forKey: .timePrecision)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(subEventType, forKey: .subEventType)
        try container.encode(actor1, forKey: .actor1)
        try container.encode(actor2, forKey: .actor2)
        try container.encode(admin1, forKey: .admin1)
        try container.encode(location, forKey: .location)
        try container.encode(latitude, forKey: .latitude)
        try container.encode(longitude, forKey: .longitude)
        try container.encode(geoPrecision, forKey: .geoPrecision)
        try container.encode(fatalities, forKey: .fatalities)
        try container.encode(source, forKey: .source)
        try container.encode(notes, forKey: .notes)
        try container.encode(locationArabic, forKey: .locationArabic)
        try container.encode(placeID, forKey: .placeID)
        try container.encode(sourceURL, forKey: .sourceURL)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(ingestedAt, forKey: .ingestedAt)
        try container.encode(originalEventType, forKey: .originalEventType)
        var kept = encoder.container(keyedBy: ColumnKey.self)
        for column in KeptColumns.columns where column != .otherColumns {
            try kept.encode(keptColumns[column.rawValue], forKey: ColumnKey(stringValue: column.rawValue))
        }
        try kept.encode(otherColumns, forKey: ColumnKey(stringValue: Incident.Column.otherColumns.rawValue))
        // The others only where they apply.
        try container.encodeIfPresent(trigger, forKey: .trigger)
        try container.encodeIfPresent(language, forKey: .language)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(distanceMetres, forKey: .distanceMetres)
    }
}
