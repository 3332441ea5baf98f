import Foundation
import IncidentMapCore
import Testing
@testable import GeoJSON

@Suite struct WriterTests {
    static func sample() throws -> [Incident] {
        [
            Incident(eventID: "A1", eventDate: try IncidentDate(parsing: "2019-04-08"), eventType: .explosionsRemoteViolence,
                     subEventType: "Air/drone strike", location: "Mitiga",
                     coordinate: try Coordinate(latitude: 32.8942, longitude: 13.2761),
                     notes: "quote \" backslash \\ newline\n tab\t control \u{01} done, comma",
                     locationArabic: "معيتيقة",
                     evidence: [EvidenceSpan(text: "غارة جوية تستهدف مطار معيتيقة", start: 5, end: 34)]),
            Incident(eventID: "A2", eventDate: try IncidentDate(parsing: "2019-04-09"), eventType: .battles,
                     coordinate: try Coordinate(latitude: -0.000001, longitude: 180)),
        ]
    }

    func render(_ format: OutputFormat, extraColumns: [String] = [], extra: [Double] = []) throws -> String {
        let folder = NSTemporaryDirectory() + "incidentmap-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out"
        let writer = format.writer(to: try ByteSink(path: path))
        try writer.begin(extraColumns: extraColumns)
        for incident in try Self.sample() { try writer.write(incident, extra: extra) }
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func geoJSONIsAFeatureCollectionWithLongitudeFirstAndEveryColumn() throws {
        let text = try render(.geojson)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["type"] as? String == "FeatureCollection")
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let first = features[0]
        #expect(first["id"] as? String == "A1")
        let geometry = try #require(first["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        #expect(geometry["coordinates"] as? [Double] == [13.2761, 32.8942])
        let properties = try #require(first["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(Incident.Column.allCases.map(\.rawValue)))
        #expect(properties["notes"] as? String == "quote \" backslash \\ newline\n tab\t control \u{01} done, comma")
        #expect(properties["location_ar"] as? String == "معيتيقة")
        #expect(properties["actor1"] is NSNull)
        let evidence = try #require(properties["evidence"] as? [[String: Any]])
        #expect(evidence.first?["start"] as? Int == 5)
        let second = try #require(features[1]["geometry"] as? [String: Any])
        #expect(second["coordinates"] as? [Double] == [180, -0.000001])
    }

    @Test func geoJSONSeqWritesOneFeaturePerLine() throws {
        let lines = try render(.geojsonseq).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let feature = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(feature["type"] as? String == "Feature")
        }
    }

    @Test func extraColumnsFollowACLEDs() throws {
        let text = try render(.json, extraColumns: ["distance_m"], extra: [1234.5])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["distance_m"] as? Double } == [1234.5, 1234.5])
    }

    @Test func csvQuotesOnlyWhatNeedsQuotingAndDoublesQuotes() throws {
        let text = try render(.csv)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == Incident.Column.allCases.map(\.rawValue).joined(separator: ","))
        #expect(text.contains("\"quote \"\" backslash \\ newline\n tab\t control \u{01} done, comma\""))
        #expect(text.contains(",Mitiga,"))
        #expect(text.contains("\"[{\"\"text\"\":\"\"غارة جوية تستهدف مطار معيتيقة\"\",\"\"start\"\":5,\"\"end\"\":34}]\""))
    }

    @Test func aFailedExportLeavesNoFileBehind() throws {
        let folder = NSTemporaryDirectory() + "incidentmap-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let sink = try ByteSink(path: folder + "/out.geojson")
            try sink.write("{\"type\":")
            // No finish(): the export failed half-way.
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(throws: SinkError.self) { try ByteSink(path: folder + "/missing/out.geojson") }
    }

    /// `--out` replaces a new path or a regular file, never a device, a pipe or a folder (as
    /// root, `--out /dev/null` would otherwise swap the device for a regular file).
    @Test func outputRefusesWhatIsNotARegularFile() throws {
        let folder = NSTemporaryDirectory() + "incidentmap-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        for path in ["/dev/null", folder, folder + "/pipe"] {
            do {
                _ = try ByteSink(path: path)
                Issue.record("\(path) accepted")
            } catch {
                #expect(error.description.contains("not a regular file"), "\(error)")
            }
        }
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        // A regular file is still replaced.
        let file = folder + "/out.geojson"
        FileManager.default.createFile(atPath: file, contents: Data("old".utf8))
        let sink = try ByteSink(path: file)
        try sink.write("new")
        try sink.finish()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
    }
}
