import Foundation
import Testing
import TestSupport

/// The commands as a user runs them: exit statuses, messages, files.
@Suite struct CommandLineTests {
    static let sample = CommandRunner.repository.appendingPathComponent("Data/incidents/tripoli-offensive-2019-04.csv").path

    @Test func ingestExportNearAndStatsOnTheSampleData() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)

        let first = try cli.run(["ingest", Self.sample])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("14 added, 0 already in the store"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/incidents.sqlite"))
        let again = try cli.run(["ingest", Self.sample])
        #expect(again.output.contains("0 added, 14 already in the store"))

        let export = try cli.run(["export", "--format", "geojson", "--out", "map.geojson", "--type", "Battles"])
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.errors.contains("wrote 4 incidents to map.geojson"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/map.geojson")))
        #expect(((document as? [String: Any])?["features"] as? [Any])?.count == 4)

        let near = try cli.run(["near", "32.8942,13.2761", "--radius", "10km"])
        #expect(near.status == 0, "\(near.errors)")
        let lines = near.output.split(separator: "\n")
        #expect(lines.first == "5 incident(s) within 10.0 km of 32.8942,13.2761")
        #expect(lines.count == 7)
        #expect(lines[2].contains("Mitiga") && lines[2].hasPrefix("0.0 "))

        let json = try cli.run(["near", "32.8942,13.2761", "--radius", "5mi", "--format", "json", "--limit", "1"])
        let objects = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(objects?.count == 1)
        #expect(objects?.first?["distance_m"] as? Double == 0)

        let stats = try cli.run(["stats"])
        #expect(stats.output.contains("incidents:  14"))
        #expect(stats.output.contains("dates:      2019-04-04 to 2019-04-18"))
    }

    @Test func aBadFileNamesItsLineStoresNothingAndKeepsEarlierFiles() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let bad = try folder.write("bad.csv", """
            event_date,event_type,latitude,longitude
            2019-04-08,Battles,32.9,13.2
            2019-04-09,Battles,95,13.2
            """)
        let result = try cli.run(["ingest", "--db", "store.sqlite", Self.sample, bad])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(bad):3: latitude 95.0 is outside -90…90"), "\(result.errors)")
        #expect(result.errors.contains("nothing of this file was stored"))
        #expect(!result.errors.contains("Fatal error"))
        let stats = try cli.run(["stats", "--db", "store.sqlite"])
        #expect(stats.output.contains("incidents:  14"), "\(stats.output)")
    }

    @Test func theStorePathComesFromTheEnvironmentWhenNotGiven() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let result = try cli.run(["ingest", Self.sample], environment: ["INCIDENTMAP_DB": "from-env.sqlite"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/from-env.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/incidents.sqlite"))
    }

    @Test(arguments: [
        (["near", "95,13.2"], "latitude 95.0 is outside"),
        (["near", "32.9,13.2", "--radius", "10"], "is not a length"),
        (["export", "--bbox", "1,2,3"], "is not a bounding box"),
        (["export", "--type", "Skirmish"], "is not an ACLED event type"),
        (["export", "--since", "2019-02-30"], "does not exist"),
        (["export", "--format", "kml"], "kml"),
        (["export"], "no incident store at incidents.sqlite"),
        (["ingest", "missing.csv"], "missing.csv: cannot read the file (no such file)"),
    ])
    func badInputEndsWithOneClearLineAndAFailureStatus(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner(folder: folder.path).run(arguments)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
        #expect(!result.errors.contains("Fatal error") && !result.errors.contains("Stack dump"))
    }

    @Test(arguments: [["--help"], ["ingest", "--help"], ["export", "--help"], ["near", "--help"], ["stats", "--help"],
                      ["extract", "--help"], ["gazetteer", "--help"], ["gazetteer", "search", "--help"],
                      ["gazetteer", "refresh", "--help"], ["gazetteer", "convert", "--help"]])
    func everyCommandExplainsItself(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner(folder: folder.path).run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE:"))
        #expect(result.output.count > 250)
    }

    /// `--version` prints a version number and stores nothing.
    @Test func versionPrintsANumber() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner(folder: folder.path).run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil,
                "--version printed \(result.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/incidents.sqlite"))
    }

    /// `ingest --help` names every input it takes.
    @Test func ingestNamesEveryInput() throws {
        let folder = try TemporaryFolder()
        let help = try CommandRunner(folder: folder.path).run(["ingest", "--help"]).output
        for input in ["articles", ".txt", "ACLED CSV", ".csv", ".tsv", ".xlsx", "ACLED API", ".json", "JSON Lines", ".jsonl",
                      ".ndjson", "GDELT", ".export.CSV", "monadic", "other_columns"] {
            #expect(help.contains(input), "ingest --help does not name \(input)")
        }
    }
}

@Suite struct GazetteerCommandTests {
    @Test func searchFindsSpellingsWithoutADatabase() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let table = try cli.run(["gazetteer", "search", "Gasr Ben Gashir"])
        #expect(table.status == 0)
        #expect(table.output.split(separator: "\n")[1].contains("2213618"))
        let json = try cli.run(["gazetteer", "search", "معيتيقة", "--format", "json", "--limit", "1"])
        let objects = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(objects?.first?["id"] as? String == "ly-mitiga")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/incidents.sqlite"))
    }

    @Test func nearAcceptsAPlaceName() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        _ = try cli.run(["ingest", CommandLineTests.sample])
        let result = try cli.run(["near", "Mitiga", "--radius", "10km"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("5 incident(s) within 10.0 km"))
        #expect(result.errors.contains("ly-mitiga"))
        let arabic = try cli.run(["near", "قصر بن غشير", "--radius", "5km"])
        #expect(arabic.status == 0)
        let unknown = try cli.run(["near", "Atlantis", "--radius", "5km"])
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("no place named 'Atlantis'"))
    }

    @Test func aZippedDumpIsRead() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let line = "2210247\tTripoli\tTripoli\t\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05\n"
        _ = try folder.write("LY.txt", line)
        _ = try folder.write("readme.txt", "GeoNames readme")
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        zip.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        zip.arguments = ["-c", "import zipfile; z = zipfile.ZipFile('LY.zip', 'w', zipfile.ZIP_DEFLATED); z.write('readme.txt'); z.write('LY.txt'); z.close()"]
        try zip.run()
        zip.waitUntilExit()
        let result = try cli.run(["gazetteer", "refresh", "--geonames", "LY.zip"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("imported 1 places from LY.zip"))
        let notZip = try folder.write("bad.zip", "not a zip")
        let bad = try cli.run(["gazetteer", "refresh", "--geonames", notZip])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("not a readable zip archive"))
    }

    @Test func aBrokenDumpChangesNothing() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let good = "2210247\tTripoli\tTripoli\t\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05"
        let dump = try folder.write("LY.txt", good + "\n" + good.replacingOccurrences(of: "2210247", with: "2210248").replacingOccurrences(of: "32.88743", with: "-95") + "\n")
        let result = try cli.run(["gazetteer", "refresh", "--geonames", dump])
        #expect(result.status != 0)
        #expect(result.errors.contains("\(dump):2: latitude -95.0 is outside"), "\(result.errors)")
        #expect(result.errors.contains("nothing was changed"))
        let fixed = try folder.write("LY-good.txt", good + "\n")
        let ok = try cli.run(["gazetteer", "refresh", "--geonames", fixed])
        #expect(ok.status == 0, "\(ok.errors)")
        #expect(ok.output.contains("imported 1 places"))
    }
}

@Suite struct OpenStreetMapRefreshTests {
    static let answer = """
        {"version": 0.6, "elements": [
          {"type": "node", "id": 9000001, "lat": 32.70, "lon": 13.40, "tags": {"place": "village", "name": "قرية التجربة", "name:en": "Qaryat at-Tajriba"}},
          {"type": "node", "id": 9000002, "lat": 32.71, "lon": 13.41, "tags": {"place": "hamlet", "name:en": "Test Hamlet"}}
        ]}
        """

    @Test func anOverpassAnswerJoinsTheGazetteerAndAGeoNamesRefreshKeepsIt() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let file = try folder.write("places.json", Self.answer)
        let result = try cli.run(["gazetteer", "refresh", "--osm", file])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("imported 2 places from \(file)"))
        #expect(result.output.contains("added 2"))
        let search = try cli.run(["gazetteer", "search", "Test Hamlet", "--db", "incidents.sqlite"])
        #expect(search.output.contains("osm-node-9000002"), "\(search.output)")
        // A GeoNames refresh replaces GeoNames' places only: the OSM ones stay.
        let dump = try folder.write("LY.txt", "2210247\tTripoli\tTripoli\t\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05\n")
        let geonames = try cli.run(["gazetteer", "refresh", "--geonames", dump])
        #expect(geonames.status == 0, "\(geonames.errors)")
        let again = try cli.run(["gazetteer", "search", "قرية التجربة", "--db", "incidents.sqlite"])
        #expect(again.output.contains("osm-node-9000001"), "\(again.output)")
    }

    @Test func aBrokenAnswerNamesTheElementAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let good = try folder.write("good.json", Self.answer)
        #expect(try cli.run(["gazetteer", "refresh", "--osm", good]).status == 0)
        let broken = try folder.write("broken.json", Self.answer.replacingOccurrences(of: "\"lat\": 32.71, ", with: ""))
        let result = try cli.run(["gazetteer", "refresh", "--osm", broken])
        #expect(result.status != 0)
        #expect(result.errors.contains("element 1 (node 9000002): no lat/lon"), "\(result.errors)")
        #expect(result.errors.contains("nothing was changed"))
        let cut = try folder.write("cut.json", String(Self.answer.prefix(60)))
        let truncated = try cli.run(["gazetteer", "refresh", "--osm", cut])
        #expect(truncated.status != 0)
        #expect(truncated.errors.contains("not valid JSON"), "\(truncated.errors)")
        // The places the good answer stored are still in force.
        let search = try cli.run(["gazetteer", "search", "Test Hamlet", "--db", "incidents.sqlite"])
        #expect(search.output.contains("osm-node-9000002"))
        let neither = try cli.run(["gazetteer", "refresh"])
        #expect(neither.status != 0)
        #expect(neither.errors.contains("--geonames FILE|URL or --osm FILE|URL"))
    }
}

@Suite struct ArticleCommandTests {
    static let article = CommandRunner.repository.appendingPathComponent("Tests/ExtractionTests/Golden/articles/ar01-ain-zara.txt").path
    static let batch = CommandRunner.repository.appendingPathComponent("Data/articles/tripoli-front-2019-04.jsonl").path

    @Test func extractPrintsGeoJSONAndStoresNothing() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let result = try cli.run(["extract", Self.article, "--published", "2019-04-10"])
        #expect(result.status == 0, "\(result.errors)")
        let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let features = try #require(document?["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let properties = try #require(features.first?["properties"] as? [String: Any])
        #expect(properties["place_id"] as? String == "ly-ain-zara")
        #expect(properties["event_date"] as? String == "2019-04-09")
        #expect(properties["fatalities"] as? Int == 3)
        #expect((properties["evidence"] as? [[String: Any]])?.first?["start"] as? Int == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/incidents.sqlite"))
        let undated = try cli.run(["extract", Self.article, "--format", "json"])
        #expect(undated.errors.contains("pass --published"))
        let objects = try JSONSerialization.jsonObject(with: Data(undated.output.utf8)) as? [[String: Any]]
        #expect(objects?.first?["event_date"] is NSNull)
    }

    @Test func ingestingArticlesTwiceAddsNothingAndMergesAcrossArticles() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let first = try cli.run(["ingest", Self.batch])
        #expect(first.status == 0, "\(first.errors)")
        // Seven: the UN's call for a truce in the second article is a call, not an agreement
        // (`extract --all` shows it as planned).
        #expect(first.output.contains("4 article(s): 7 incident(s) added"), "\(first.output)")
        let again = try cli.run(["ingest", Self.batch])
        #expect(again.output.contains("0 incident(s) added, 0 merged into stored incidents, 7 already in the store"), "\(again.output)")
        // The same clash at Ain Zara on the same day, told by another source.
        let other = try folder.write("other.jsonl", "{\"text\": \"Clashes erupted in Ain Zara yesterday.\", \"published\": \"2019-04-21\", \"source\": \"Other Wire\"}\n")
        let merged = try cli.run(["ingest", other])
        #expect(merged.output.contains("0 incident(s) added, 1 merged into stored incidents"), "\(merged.output)")
        let export = try cli.run(["export", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [[String: Any]]
        let ainZara = try #require(rows?.first { $0["place_id"] as? String == "ly-ain-zara" })
        #expect(ainZara["source"] as? String == "incidentmap sample (ar); Other Wire")
        #expect((ainZara["evidence"] as? [Any])?.count == 2)
    }

    @Test func aBrokenArticleLineStoresNothingOfItsFile() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let file = try folder.write("articles.jsonl", "{\"text\": \"Clashes in Gharyan yesterday.\", \"published\": \"2019-04-09\"}\n{\"text\": \"Clashes in Tarhuna.\", \"published\": \"2019-02-30\"}\n")
        let result = try cli.run(["ingest", file, "--db", "store.sqlite"])
        #expect(result.status != 0)
        #expect(result.errors.contains("\(file):2: published: date 2019-02-30 does not exist"), "\(result.errors)")
        // The store this ingest created holds nothing, so it is not left behind.
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/store.sqlite"))
        let stats = try cli.run(["stats", "--db", "store.sqlite"])
        #expect(stats.errors.contains("no incident store at store.sqlite"), "\(stats.errors)")
    }
}

/// ACLED files as users have them: bad rows skipped on request, and no store left behind by
/// a first ingest that failed.
@Suite struct IngestLayoutCommandTests {
    static let rows = """
        event_id_cnty;event_date;event_type;inter1;latitude;longitude;location
        LBY1;9-May-20;Battle-No change of territory;1;32.8942;13.2761;Mitiga
        LBY2;31-02-20;Battles;1;32.88;13.18;Tripoli
        LBY3;18/04/2001;Riots/Protests;5;32.88;13.18;"Tripoli; Martyrs' Square"
        LBY4;2020-05-10;Battles;1;32.88
        LBY5;21 March 2020;Remote violence;2;32.1;13.1;Gharyan

        """

    @Test func skippedRowsAreCountedAndWrittenToTheRejectsFile() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let input = try folder.write("acled.csv", Self.rows)
        let result = try cli.run(["ingest", "--skip-bad-rows", "--rejects", "rejects.csv", input])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("\(input): 3 added, 0 already in the store, 2 bad row(s) skipped (written to rejects.csv)"),
                "\(result.output)")
        let rejects = try String(contentsOfFile: folder.path + "/rejects.csv", encoding: .utf8)
        #expect(rejects == """
            file,line,reason,row
            \(input),3,event_date '31-02-20': date 2020-02-31 does not exist,LBY2;31-02-20;Battles;1;32.88;13.18;Tripoli
            \(input),5,5 fields where the header has 7: check the semicolons and quotes in this row,LBY4;2020-05-10;Battles;1;32.88

            """)
        let export = try cli.run(["export", "--format", "csv"])
        let lines = export.output.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let original = try #require(header.firstIndex(of: "original_event_type"))
        let type = try #require(header.firstIndex(of: "event_type"))
        let mitiga = try #require(lines.first { $0.hasPrefix("LBY1,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(mitiga[type] == "Battles" && mitiga[original] == "Battle-No change of territory")
    }

    @Test func withoutARejectsFileTheSkippedRowsArePrinted() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("acled.csv", Self.rows)
        let result = try CommandRunner(folder: folder.path).run(["ingest", "--skip-bad-rows", input])
        #expect(result.status == 0)
        #expect(result.errors.contains("\(input):3: event_date '31-02-20': date 2020-02-31 does not exist (skipped)"))
        #expect(result.errors.contains("\(input):5: 5 fields where the header has 7"))
    }

    @Test func strictStaysTheDefaultAndRejectsNeedsSkipping() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let input = try folder.write("acled.csv", Self.rows)
        let strict = try cli.run(["ingest", "--db", "kept.sqlite", CommandLineTests.sample, input])
        #expect(strict.status == 1)
        #expect(strict.errors.contains("\(input):3: event_date '31-02-20'"))
        #expect(try cli.run(["stats", "--db", "kept.sqlite"]).output.contains("incidents:  14"))
        let refused = try cli.run(["ingest", "--rejects", "r.csv", input])
        #expect(refused.status != 0 && refused.errors.contains("--rejects needs --skip-bad-rows"))
    }

    @Test func aFailedFirstIngestLeavesNoStoreBehind() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let input = try folder.write("acled.csv", Self.rows)
        let failed = try cli.run(["ingest", "--db", "new.sqlite", input, "missing.csv"])
        #expect(failed.status == 1)
        // Nothing was made at the path (the first file loaded under a temporary name beside it,
        // removed with its failure), so nothing is removed, and no file is left beside it.
        #expect(!failed.errors.contains("removed again"), "\(failed.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["acled.csv"])

        // A store that was there before is kept, whatever fails.
        #expect(try cli.run(["ingest", "--db", "old.sqlite", CommandLineTests.sample]).status == 0)
        #expect(try cli.run(["ingest", "--db", "old.sqlite", input]).status == 1)
        #expect(try cli.run(["stats", "--db", "old.sqlite"]).output.contains("incidents:  14"))
    }
}
