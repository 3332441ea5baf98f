import Foundation
import IncidentMapCore
import Testing
import TestSupport
import ZIPFoundation
@testable import IncidentImport

/// GDELT 2.0 event exports: told by their shape, kept where CAMEO maps to ACLED's types, placed
/// at ActionGeo, filtered by country and precision, broken rows named by line.
@Suite struct GDELTEventTests {
    /// Every incident of `rows` (one per line) read from a file named `name`, and the summary.
    func read(_ rows: [String], name: String = "20190408120000.export.CSV", options: GDELTOptions = GDELTOptions())
        throws -> (incidents: [Incident], summary: GDELTSummary) {
        let folder = try TemporaryFolder()
        let reader = try IncidentFileReader(path: try folder.write(name, rows.joined(separator: "\n") + "\n"), gdelt: options)
        #expect(reader.format == .gdeltEvents)
        var incidents: [Incident] = []
        while let incident = try reader.next() { incidents.append(incident) }
        return (incidents, try #require(reader.gdeltSummary))
    }

    @Test(arguments: ["20190408120000.export.CSV", "libya-events.tsv", "events"])
    func anExportIsToldByItsShapeWhateverItsName(name: String) throws {
        let (incidents, _) = try read([GDELTFixture.row()], name: name)
        #expect(incidents.count == 1)
    }

    @Test func aZippedExportIsReadAndLeavesNoTemporaryFileBehind() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("20190408120000.export.CSV", [GDELTFixture.row(id: "1"), GDELTFixture.row(id: "2")].joined(separator: "\n"))
        let zip = URL(fileURLWithPath: folder.path + "/20190408120000.export.CSV.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: "20190408120000.export.CSV", relativeTo: URL(fileURLWithPath: folder.path), compressionMethod: .deflate)
        let temporary = { try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("incidentmap-unzipped-") } }
        let before = Set(try temporary())
        let reader = try IncidentFileReader(path: zip.path)
        #expect(reader.format == .gdeltEvents)
        #expect(try reader.next()?.eventID == "GDELT-1")
        #expect(try reader.next()?.eventID == "GDELT-2")
        #expect(try reader.next() == nil)
        #expect(Set(try temporary()).subtracting(before).isEmpty)
    }

    @Test func aZipWithSeveralFilesIsRefusedSayingWhat() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("a.export.CSV", GDELTFixture.row())
        _ = try folder.write("b.export.CSV", GDELTFixture.row())
        let zip = URL(fileURLWithPath: folder.path + "/two.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for name in ["a.export.CSV", "b.export.CSV"] {
            try archive.addEntry(with: name, relativeTo: URL(fileURLWithPath: folder.path))
        }
        #expect(throws: ImportError.unreadableFile(path: zip.path, reason: "the zip holds 2 data files (a.export.CSV, b.export.CSV): "
            + "incidentmap reads a zip with one, such as GDELT's YYYYMMDDHHMMSS.export.CSV.zip; unzip it and name the files")) {
            try IncidentFileReader(path: zip.path)
        }
    }

    @Test func anACLEDFileWithTabsIsStillACSVFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("acled.tsv", "event_date\tevent_type\tlatitude\tlongitude\n2019-04-08\tBattles\t32.1\t13.2\n")
        #expect(try IncidentFileReader(path: path).format == .csv)
    }

    @Test func aKeptRowCarriesItsIDDateActorsPlaceAndSource() throws {
        let (incidents, summary) = try read([GDELTFixture.row(id: "834120001", date: "20190408", eventCode: "193")])
        let incident = try #require(incidents.first)
        #expect(incident.eventID == "GDELT-834120001")
        #expect(incident.eventDate == (try IncidentDate(year: 2019, month: 4, day: 8)))
        #expect(incident.timePrecision == .day)
        #expect(incident.eventType == .battles && incident.subEventType == "Armed clash")
        #expect(incident.originalEventType == "CAMEO 193")
        #expect(incident.actor1 == "LIBYAN NATIONAL ARMY" && incident.actor2 == "TRIPOLI")
        #expect(incident.location == "Tripoli, Tarabulus, Libya")
        #expect(incident.coordinate.latitude == 32.8925 && incident.coordinate.longitude == 13.18)
        #expect(incident.geoPrecision == .place)
        #expect(incident.sourceURL == "https://news.example.org/tripoli-clashes")
        #expect(summary.kept == 1 && summary.skipped.isEmpty)
    }

    @Test func cameoCodesMapToACLEDTypesByTheirLongestListedCode() throws {
        let codes = ["141", "145", "1823", "181", "1831", "1951", "194", "190", "202", "2041", "0211", "173"]
        let (incidents, summary) = try read(codes.enumerated().map { GDELTFixture.row(id: "\($0.offset + 1)", eventCode: $0.element) })
        let mapped = incidents.map { "\($0.originalEventType!) \($0.eventType.rawValue) / \($0.subEventType ?? "-")" }
        #expect(mapped == [
            "CAMEO 141 Protests / -",
            "CAMEO 145 Protests / -",
            "CAMEO 1823 Violence against civilians / Attack",
            "CAMEO 181 Violence against civilians / Abduction/forced disappearance",
            "CAMEO 1831 Explosions/Remote violence / Suicide bomb",
            "CAMEO 1951 Explosions/Remote violence / Air/drone strike",
            "CAMEO 194 Explosions/Remote violence / Shelling/artillery/missile attack",
            "CAMEO 190 Battles / -",
            "CAMEO 202 Violence against civilians / Attack",
            "CAMEO 2041 Explosions/Remote violence / Chemical weapon",
        ])
        #expect(summary.skipped == [.notConflict: 2])
    }

    @Test func countryCentroidsAreDroppedUnlessAskedFor() throws {
        let rows = [GDELTFixture.row(id: "1", geoType: "1", place: "Libya", latitude: "25", longitude: "17"),
                    GDELTFixture.row(id: "2", geoType: "5", place: "Tarabulus, Libya")]
        let (dropped, summary) = try read(rows)
        #expect(dropped.map(\.eventID) == ["GDELT-2"])
        #expect(dropped.first?.geoPrecision == .largerArea)
        #expect(summary.skipped == [.countryLevel: 1])
        let (kept, _) = try read(rows, options: GDELTOptions(keepCountryLevel: true))
        #expect(kept.map(\.eventID) == ["GDELT-1", "GDELT-2"])
        #expect(kept.first?.geoPrecision == .largerArea)
    }

    @Test func theCountryFilterReadsActionGeoCountryCode() throws {
        let rows = [GDELTFixture.row(id: "1", country: "LY"), GDELTFixture.row(id: "2", country: "TS", place: "Tunis, Tunis, Tunisia"),
                    GDELTFixture.row(id: "3", country: "ly")]
        let (incidents, summary) = try read(rows, options: GDELTOptions(country: "ly"))
        #expect(incidents.map(\.eventID) == ["GDELT-1", "GDELT-3"])
        #expect(summary.skipped == [.otherCountry: 1])
        #expect(try read(rows).incidents.count == 3)
    }

    @Test func rowsWithoutALocationAreSkippedAndCounted() throws {
        let (incidents, summary) = try read([GDELTFixture.row(geoType: "0", country: "", place: "", latitude: "", longitude: "")])
        #expect(incidents.isEmpty)
        #expect(summary.skipped == [.noLocation: 1])
    }

    @Test func theSummarySaysWhatWasKeptAndWhySkipped() throws {
        let rows = [GDELTFixture.row(id: "1"), GDELTFixture.row(id: "2", eventCode: "042"),
                    GDELTFixture.row(id: "3", geoType: "1"), GDELTFixture.row(id: "4", country: "EG")]
        let (_, summary) = try read(rows, options: GDELTOptions(country: "LY"))
        #expect(summary.description == "GDELT rows: 1 kept; skipped: 1 not protest or political violence (CAMEO roots other than "
                + "14, 18, 19, 20), 1 placed only at a country's centroid (--keep-country-level keeps them), 1 outside LY "
                + "(ActionGeo_CountryCode)")
    }

    @Test(arguments: [
        (GDELTFixture.row(date: "20190231"), "SQLDATE '20190231': date 2019-02-31 does not exist"),
        (GDELTFixture.row(date: "2019-04-08"), "SQLDATE '2019-04-08' is not a date as YYYYMMDD"),
        (GDELTFixture.row(id: "x12"), "GLOBALEVENTID 'x12' is not a whole number"),
        (GDELTFixture.row(latitude: "north"), "ActionGeo_Lat 'north' is not a number"),
        (GDELTFixture.row(latitude: "95"), "latitude 95.0 is outside -90…90"),
        (GDELTFixture.row(geoType: "9"), "ActionGeo_Type '9' is not one of GDELT's 0 to 5"),
        (String(GDELTFixture.row().split(separator: "\t", omittingEmptySubsequences: false).prefix(40).joined(separator: "\t")),
         "40 tab-separated fields where a GDELT 2.0 event row has 61"),
    ])
    func aBrokenRowIsNamedByFileAndLine(row: String, reason: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("20190408120000.export.CSV", [GDELTFixture.row(id: "1"), row, GDELTFixture.row(id: "3")].joined(separator: "\n"))
        let reader = try IncidentFileReader(path: path)
        #expect(try reader.next()?.eventID == "GDELT-1")
        do {
            _ = try reader.next()
            Issue.record("the broken row was read")
        } catch {
            #expect(error.description.hasPrefix("\(path):2: \(reason)"), "\(error)")
        }
    }

    @Test func badRowsAreSkippedWithTheirLineWhenAskedTo() throws {
        let folder = try TemporaryFolder()
        let broken = GDELTFixture.row(id: "2", date: "20191301")
        let path = try folder.write("20190408120000.export.CSV",
                                    [GDELTFixture.row(id: "1"), broken, GDELTFixture.row(id: "3", eventCode: "010"), GDELTFixture.row(id: "4")]
                                        .joined(separator: "\r\n"))
        let reader = try IncidentFileReader(path: path)
        let ahead = IncidentFileReader.ReadAhead(reader, skipBadRows: true)
        defer { ahead.cancel() }
        var ids: [String] = [], rejected: [IncidentFileReader.RejectedRow] = []
        while let chunk = try ahead.next() {
            ids += chunk.incidents.map(\.eventID)
            rejected += chunk.rejected
        }
        #expect(ids == ["GDELT-1", "GDELT-4"])
        #expect(rejected.map(\.line) == [2])
        #expect(rejected.first?.raw == broken)
        #expect(reader.gdeltSummary?.kept == 2 && reader.gdeltSummary?.skipped == [.notConflict: 1])
    }

    @Test func theShippedCAMEOTableLoadsAndABrokenOneIsRefused() throws {
        #expect(CAMEOEventTypes.shared.map(eventCode: "1952", baseCode: "195", rootCode: "19")?.subEventType == "Air/drone strike")
        #expect(CAMEOEventTypes.shared.map(eventCode: "010", baseCode: "010", rootCode: "01") == nil)
        #expect(throws: RowProblem.self) {
            try CAMEOEventTypes(tsv: "cameo_code\tcameo_name\tevent_type\tsub_event_type\n19\tFight\tBattles\tAir/drone strike\n")
        }
        #expect(throws: RowProblem.self) {
            try CAMEOEventTypes(tsv: "cameo_code\tcameo_name\tevent_type\tsub_event_type\n19\tFight\tSkirmish\t\n")
        }
    }
}
