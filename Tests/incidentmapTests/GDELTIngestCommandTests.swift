import Foundation
import Testing
import TestSupport

/// `incidentmap ingest` on a GDELT 2.0 event export, as a user runs it, into a real store.
@Suite struct GDELTIngestCommandTests {
    /// Composed rows (not real ones): two kept, one off-topic, one at Libya's centroid, one in Tunisia.
    static let rows = [
        GDELTFixture.row(id: "900000001", eventCode: "193"),
        GDELTFixture.row(id: "900000002", date: "20190410", eventCode: "1951", place: "Mitiga, Tarabulus, Libya",
                         latitude: "32.8942", longitude: "13.2761"),
        GDELTFixture.row(id: "900000003", eventCode: "042"),
        GDELTFixture.row(id: "900000004", eventCode: "141", geoType: "1", place: "Libya", latitude: "25", longitude: "17"),
        GDELTFixture.row(id: "900000005", eventCode: "141", country: "TS", place: "Tunis, Tunis, Tunisia",
                         latitude: "36.8028", longitude: "10.1797"),
    ].joined(separator: "\n") + "\n"

    @Test func anExportGoesIntoTheStoreWithItsSummary() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let input = try folder.write("20190410120000.export.CSV", Self.rows)
        let result = try cli.run(["ingest", "--db", "gdelt.sqlite", "--country", "LY", input])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("\(input): 2 added, 0 already in the store"), "\(result.output)")
        #expect(result.output.contains("\(input): GDELT rows: 2 kept; skipped: 1 not protest or political violence"), "\(result.output)")
        #expect(result.output.contains("1 placed only at a country's centroid") && result.output.contains("1 outside LY"))

        let export = try cli.run(["export", "--db", "gdelt.sqlite", "--format", "geojson"])
        #expect(export.status == 0, "\(export.errors)")
        let document = try JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [String: Any]
        let features = try #require(document?["features"] as? [[String: Any]])
        let rows = Dictionary(uniqueKeysWithValues: features.compactMap { $0["properties"] as? [String: Any] }
            .map { ($0["event_id_cnty"] as? String ?? "", $0) })
        #expect(Set(rows.keys) == ["GDELT-900000001", "GDELT-900000002"])
        let strike = try #require(rows["GDELT-900000002"])
        #expect(strike["event_type"] as? String == "Explosions/Remote violence")
        #expect(strike["sub_event_type"] as? String == "Air/drone strike")
        #expect(strike["original_event_type"] as? String == "CAMEO 1951")
        #expect(strike["event_date"] as? String == "2019-04-10")
        #expect(strike["location"] as? String == "Mitiga, Tarabulus, Libya")
        #expect(strike["source_url"] as? String == "https://news.example.org/tripoli-clashes")

        // Ingesting it again adds nothing; the centroid comes in when asked for.
        let again = try cli.run(["ingest", "--db", "gdelt.sqlite", "--country", "LY", "--keep-country-level", input])
        #expect(again.output.contains("\(input): 1 added, 2 already in the store"), "\(again.output)")
    }

    @Test func aBrokenRowStopsTheFileUnlessSkipped() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let input = try folder.write("20190410120000.export.CSV", Self.rows + GDELTFixture.row(id: "900000006", date: "20190431") + "\n")
        let strict = try cli.run(["ingest", "--db", "gdelt.sqlite", input])
        #expect(strict.status == 1)
        #expect(strict.errors.contains("\(input):6: SQLDATE '20190431': date 2019-04-31 does not exist"), "\(strict.errors)")
        let skipping = try cli.run(["ingest", "--db", "gdelt.sqlite", "--skip-bad-rows", input])
        #expect(skipping.status == 0, "\(skipping.errors)")
        #expect(skipping.output.contains("\(input): 3 added, 0 already in the store, 1 bad row(s) skipped"), "\(skipping.output)")
        let refused = try cli.run(["ingest", "--country", "Libya", input])
        #expect(refused.status != 0 && refused.errors.contains("--country takes a two-letter FIPS 10-4 code"))
    }
}
