import Extraction
import Foundation
import GeoJSON
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentMapKit

/// One incident JSON shape: the Codable value the cold paths encode (extract, POST /articles)
/// and the objects the hot streaming writers write (export, near, /incidents) have the same
/// members with the same values.
@Suite struct IncidentPropertiesTests {
    /// Every column set, evidence with highlights and a source, and a character JSON escapes.
    static let full: Incident = {
        var incident = TestIncidents.incident("FULL", 32.8942, 13.2761, type: .explosionsRemoteViolence)
        incident.subEventType = "Air/drone strike"
        incident.actor1 = "LNA"
        incident.actor2 = "GNA \"forces\""
        incident.admin1 = "Tripoli"
        incident.fatalities = 3
        incident.source = "Al Wasat"
        incident.sourceURL = "https://example.org/a/b"
        incident.placeID = "ly-mitiga"
        incident.timePrecision = .week
        incident.geoPrecision = .nearPlace
        incident.originalEventType = "Remote violence"
        for column in KeptColumns.columns { incident.keptColumns[column] = "\(column.rawValue) \"value\"" }
        incident.keptColumns[.otherColumns] = #"{"analyst":"Amal \"A\"","batch":"7"}"#
        incident.ingestedAt = Date(timeIntervalSince1970: 1_554_768_000)
        incident.evidence = [EvidenceSpan(text: "غارة جوية على مطار معيتيقة", start: 10, end: 36, source: "Al Wasat",
                                          highlights: [.init(kind: .trigger, start: 10, end: 18), .init(kind: .place, start: 29, end: 36)])]
        return incident
    }()

    /// The fewest columns an incident has.
    static let bare = Incident(eventID: "BARE", eventDate: try! IncidentDate(parsing: "2019-04-08"), eventType: .battles,
                               coordinate: try! Coordinate(latitude: 13, longitude: -2))

    static func written(_ incident: Incident, by format: OutputFormat, distance: Double? = nil) throws -> Data {
        let sink = ByteSink.inMemory()
        let writer = format.writer(to: sink)
        try writer.begin(extraColumns: distance == nil ? [] : ["distance_m"])
        try writer.write(incident, extra: distance.map { [$0] } ?? [])
        try writer.finish()
        return Data(sink.drain())
    }

    static func keys(_ json: Data) throws -> Set<String> {
        Set(try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any]).keys)
    }

    @Test(arguments: [full, bare], [nil, 1234.5])
    func theJSONArrayWritersObjectIsTheCodableValue(incident: Incident, distance: Double?) throws {
        let value = IncidentProperties(incident, distanceMetres: distance)
        let array = try Self.written(incident, by: .json, distance: distance)
        let written = try #require(try JSONSerialization.jsonObject(with: array) as? [Any]).first
        let object = try JSONSerialization.data(withJSONObject: try #require(written))
        let encoded = try JSONOutput.data(value)
        #expect(try Self.keys(object) == Self.keys(encoded))
        #expect(try JSONDecoder().decode(IncidentProperties.self, from: object) == value)
        #expect(try JSONDecoder().decode(IncidentProperties.self, from: encoded) == value)
    }

    /// The evidence, member for member: a span without a source or highlights has none in
    /// either (the store's JSON and `EvidenceSpan`'s own encoding agree).
    @Test func theEvidenceIsWrittenAlikeWithAndWithoutHighlights() throws {
        var incident = Self.full
        incident.evidence.append(EvidenceSpan(text: "اشتباكات", start: 40, end: 48))
        let array = try Self.written(incident, by: .json)
        let written = try #require((try JSONSerialization.jsonObject(with: array) as? [[String: Any]])?.first?["evidence"] as? NSArray)
        let encoded = try #require((try JSONSerialization.jsonObject(with: JSONOutput.data(IncidentProperties(incident))) as? [String: Any])?["evidence"] as? NSArray)
        #expect(written == encoded)
        #expect((encoded.lastObject as? [String: Any]).map { Set($0.keys) } == ["text", "start", "end"])
    }

    @Test(arguments: [full, bare])
    func theGeoJSONWritersFeatureIsTheCodableFeature(incident: Incident) throws {
        let feature = IncidentFeature(IncidentProperties(incident))
        let collection = try Self.written(incident, by: .geojson)
        let decoded = try JSONDecoder().decode(FeatureCollection.self, from: collection)
        #expect(decoded == FeatureCollection(features: [feature]))
        let written = try #require((try JSONSerialization.jsonObject(with: collection) as? [String: Any])?["features"] as? [Any])
        let encoded = try JSONOutput.data(feature)
        #expect(try Self.keys(JSONSerialization.data(withJSONObject: written[0])) == Self.keys(encoded))
    }

    static let article = KitFixtures.repository.appendingPathComponent("Tests/ExtractionTests/Golden/articles/ar01-ain-zara.txt").path

    @Test func anExtractedIncidentIsTheIncidentItWouldBeStoredAsWithHowItWasRead() throws {
        let text = try String(contentsOfFile: Self.article, encoding: .utf8)
        let extractor = try IncidentExtractor()
        let dated = try #require(extractor.extract(Article(text: text, published: try IncidentDate(parsing: "2019-04-10"))).first)
        var properties = IncidentProperties(dated)
        #expect(properties.trigger == dated.triggerText && properties.language == "ar" && properties.status == "happened")
        properties.trigger = nil
        properties.language = nil
        properties.status = nil
        #expect(properties == IncidentProperties(try #require(dated.storedIncident())))
        // What incidentmap knows of ACLED's columns for a place in Libya, and no more.
        let kept = KeptColumns.columns.filter { properties[$0] != nil }.map { "\($0.rawValue)=\(properties.text($0) ?? "")" }
        #expect(kept == ["year=2019", "iso=434", "region=Northern Africa", "country=Libya"])
        #expect(properties[.otherColumns] == nil)

        let undated = try #require(extractor.extract(Article(text: text)).first)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONOutput.data(IncidentProperties(undated))) as? [String: Any])
        for column in ["event_id_cnty", "event_date", "time_precision", "ingested_at"] { #expect(object[column] is NSNull, "\(column)") }
        #expect((object["notes"] as? String)?.hasPrefix("date unknown: ") == true)
        #expect(object["place_id"] as? String == "ly-ain-zara")
        #expect(try Self.keys(JSONOutput.data(IncidentProperties(undated))) == Self.keys(JSONOutput.data(properties)).union(["trigger", "language", "status"]))
    }
}

extension IncidentPropertiesTests {
    /// Every column of the list is a member, and JSON lacking a column every incident has is
    /// refused rather than read as an incident without coordinates.
    @Test func theMembersAreTheColumnListAndTheCoordinatesAreRequired() throws {
        let encoded = try JSONOutput.data(IncidentProperties(Self.bare))
        #expect(try Self.keys(encoded) == Set(Incident.Column.allCases.map(\.rawValue)))
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["latitude"] = nil
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IncidentProperties.self, from: JSONSerialization.data(withJSONObject: object))
        }
    }
}
