import Foundation
import IncidentImport
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentMapKit

/// `ingest` as a use case, into real SpatiaLite files: what each file adds, FILE:LINE for a bad
/// one that stores nothing, skipped rows, and no store left by a first ingest that failed.
@Suite struct IngestFilesTests {
    static let badRows = """
        event_id_cnty,event_date,event_type,latitude,longitude
        BAD1,2019-04-08,Battles,32.9,13.2
        BAD2,2019-04-09,Battles,95,13.2
        BAD3,2019-04-10,Battles,32.9,13.3

        """

    /// Runs the ingest and keeps its events as text.
    static func run(_ request: IngestFiles.Request, into location: StoreLocation) throws -> (IngestFiles.Report, [String]) {
        var events: [String] = []
        let report = try IngestFiles(location: location).run(request) { event in
            switch event {
            case .progress: break
            case .rowSkipped(let file, let line, let reason): events.append("skipped \(file):\(line): \(reason)")
            case .stored(let report):
                events += [report.description] + (report.gdeltLine.map { [$0] } ?? []) + (report.warning.map { [$0] } ?? [])
            case .failed(let file, let error): events.append("failed \(file): \(error)")
            case .storeRemoved(let location): events.append("removed \(location)")
            }
        }
        return (report, events)
    }

    @Test func eachFileIsOneTransactionAndABadOneNamesItsLine() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/store.sqlite")
        let bad = try folder.write("bad.csv", Self.badRows)
        let (report, events) = try Self.run(IngestFiles.Request(files: [KitFixtures.sampleIncidents, bad]), into: location)
        #expect(events.count == 2)
        #expect(events[0] == "\(KitFixtures.sampleIncidents): 14 added, 0 already in the store")
        #expect(events[1].hasPrefix("failed \(bad): \(bad):3: latitude 95.0 is outside -90…90"), "\(events[1])")
        #expect(report.total == IngestSummary(added: 14))
        #expect(report.failure == .filesFailed(failed: [bad], of: 2))
        #expect(report.totalLine == "total: 14 added, 0 merged into stored incidents, 0 already in the store (\(location))")
        let store = try location.open(.mustExist)
        #expect(try store.count(matching: IncidentFilter()) == 14)
        #expect(try store.incident(withID: "BAD1") == nil)
    }

    @Test func skippedRowsAreCountedShownAndWrittenToTheRejectsFile() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/store.sqlite")
        let bad = try folder.write("bad.csv", Self.badRows)
        let (shown, events) = try Self.run(IngestFiles.Request(files: [bad], skipBadRows: true), into: location)
        #expect(events.count == 2)
        #expect(events.first?.hasPrefix("skipped \(bad):3: latitude 95.0 is outside -90…90") == true, "\(events)")
        #expect(events.last == "\(bad): 2 added, 0 already in the store, 1 bad row(s) skipped")
        #expect(shown.skipped == 1)
        let rejects = folder.path + "/rejects.csv"
        let (written, again) = try Self.run(IngestFiles.Request(files: [bad], skipBadRows: true, rejectsPath: rejects), into: location)
        #expect(written.skipped == 1)
        #expect(again == ["\(bad): 0 added, 2 already in the store, 1 bad row(s) skipped (written to \(rejects))"])
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "file,line,reason,row" && lines.count == 2 && lines[1].hasPrefix("\(bad),3,"))
    }

    @Test func aFirstIngestThatFailsLeavesNoStoreButAnOlderStoreStays() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/new.sqlite")
        let bad = try folder.write("bad.csv", Self.badRows)
        let (report, events) = try Self.run(IngestFiles.Request(files: [bad, folder.path + "/missing.csv"]), into: location)
        #expect(report.failed.count == 2)
        // Each file failed before a store was made at the path (the first loaded into a file of
        // its own, removed again), so there is none to remove.
        #expect(!events.contains("removed \(location)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.csv"])

        let old = StoreLocation(folder.path + "/old.sqlite")
        _ = try Self.run(IngestFiles.Request(files: [KitFixtures.sampleIncidents]), into: old)
        let (_, again) = try Self.run(IngestFiles.Request(files: [bad]), into: old)
        #expect(!again.contains("removed \(old)"))
        #expect(try old.open(.mustExist).count(matching: IncidentFilter()) == 14)
    }

    /// A first ingest loads a new file beside the store's path (no journal) and renames it into
    /// place; a broken row far into a large file (the bulk path) leaves neither that file nor a
    /// store, and the error names the row's line. The next file then makes the store.
    @Test func aBrokenRowInAFirstIngestLeavesNoFileAndNamesItsLine() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/first.sqlite")
        let padding = String(repeating: "x", count: 400)
        var lines = ["event_id_cnty,event_date,event_type,latitude,longitude,notes"]
        for n in 1...6_000 { lines.append("FL\(n),2019-04-\(String(format: "%02d", n % 28 + 1)),Battles,32.\(n % 97),13.\(n % 89),\(padding)") }
        let good = try folder.write("good.csv", lines.joined(separator: "\n") + "\n")
        lines[5_432] = "FL5432,2019-04-09,Battles,95,13.2,broken"
        let broken = try folder.write("broken.csv", lines.joined(separator: "\n") + "\n")
        let (report, events) = try Self.run(IngestFiles.Request(files: [broken]), into: location)
        #expect(report.failed == [broken])
        #expect(events.count == 1 && events[0].hasPrefix("failed \(broken): \(broken):5433: latitude 95.0 is outside -90…90"), "\(events)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["broken.csv", "good.csv"])

        let (again, stored) = try Self.run(IngestFiles.Request(files: [broken, good]), into: location)
        #expect(again.failed == [broken] && stored.last == "\(good): 6000 added, 0 already in the store", "\(stored)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["broken.csv", "first.sqlite", "good.csv"])
        let store = try location.open(.mustExist)
        #expect(try store.count(matching: IncidentFilter()) == 6_000)
        try store.close()
    }

    @Test func articlesAreExtractedStoredAndMergedAcrossFiles() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/store.sqlite")
        let batch = KitFixtures.repository.appendingPathComponent("Data/articles/tripoli-front-2019-04.jsonl").path
        let other = try folder.write("other.jsonl", "{\"text\": \"Clashes erupted in Ain Zara yesterday.\", \"published\": \"2019-04-21\", \"source\": \"Other Wire\"}\n")
        let undated = try folder.write("undated.txt", "Clashes erupted in Ain Zara yesterday.")
        let (report, events) = try Self.run(IngestFiles.Request(files: [batch, other, undated]), into: location)
        #expect(events[0] == "\(batch): 4 article(s): 7 incident(s) added, 0 merged into stored incidents, 0 already in the store")
        #expect(events[1] == "\(other): 1 article(s): 0 incident(s) added, 1 merged into stored incidents, 0 already in the store")
        #expect(events[2] == "\(undated): 1 article(s): 0 incident(s) added, 0 merged into stored incidents, 0 already in the store")
        #expect(events[3].hasPrefix("\(undated): 1 incident(s) not stored, their date unknown: "), "\(events)")
        #expect(events.count == 4)
        #expect(report.total == IngestSummary(added: 7, merged: 1))
    }

    /// The GDELT options travel in the request; the file's summary (kept, skipped by reason)
    /// comes back in its report. Composed rows (not real ones): one kept, one at Libya's
    /// centroid, one in Tunisia.
    @Test func gdeltExportsKeepTheCountryAskedForAndSaySoInTheirReport() throws {
        let folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/gdelt.sqlite")
        let export = try folder.write("20190410120000.export.CSV", [
            GDELTFixture.row(id: "900000001", eventCode: "193"),
            GDELTFixture.row(id: "900000004", eventCode: "141", geoType: "1", place: "Libya", latitude: "25", longitude: "17"),
            GDELTFixture.row(id: "900000005", eventCode: "141", country: "TS", place: "Tunis, Tunis, Tunisia",
                             latitude: "36.8028", longitude: "10.1797"),
        ].joined(separator: "\n") + "\n")
        let (libya, events) = try Self.run(IngestFiles.Request(files: [export], gdelt: GDELTOptions(country: "ly")), into: location)
        #expect(libya.total == IngestSummary(added: 1))
        #expect(events.count == 2)
        #expect(events.last?.hasPrefix("\(export): GDELT rows: 1 kept") == true, "\(events)")
        #expect(events.last?.contains("1 outside LY") == true, "\(events)")
        let (withCentroid, _) = try Self.run(IngestFiles.Request(files: [export], gdelt: GDELTOptions(keepCountryLevel: true, country: "LY")),
                                             into: location)
        #expect(withCentroid.total == IngestSummary(added: 1, alreadyPresent: 1))
        // Rows that are not GDELT's carry no GDELT line.
        let (_, acled) = try Self.run(IngestFiles.Request(files: [KitFixtures.sampleIncidents]), into: location)
        #expect(acled.count == 1)
    }
}
