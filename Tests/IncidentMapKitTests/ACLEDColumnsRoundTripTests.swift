import Foundation
import GeoJSON
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentMapKit

/// A file in ACLED's current 31-column layout goes in and comes back out of the CSV export with
/// every value it had, on every backend; so do columns no one names; monadic rows are folded.
/// The rows are invented here, in ACLED's layout (ACLED's data is not ours to redistribute).
@Suite struct ACLEDColumnsRoundTripTests {
    typealias Backend = StoreBackendContractTests.Backend

    /// ACLED's header as its exports write it since 2023, written out (not taken from the code it tests).
    static let acledHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
        + "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,"
        + "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
    /// Two columns ACLED's layout does not have, as an analyst's spreadsheet adds them.
    static let otherHeader = "analyst,Batch No"
    static let rows = [
        "XLBY101,2019-04-08,2019,1,Political violence,Battles,Armed clash,Test Militia A,Test Tribe A; Test Tribe B,"
            + "Rebel group,Test Militia B,,Identity militia,Rebel group-Identity militia,,434,Northern Africa,Libya,"
            + "Tripoli,Tripoli,Souq al Juma,Test Place,32.8942,13.2761,1,Test Wire; Other Wire,National-International,"
            + "\"Invented note, for a test \"\"only\"\".\",2,crowd size=no report,1554768000",
        // Most columns empty, as many rows are.
        "XLBY102,2019-04-09,,2,Demonstrations,Protests,Peaceful protest,Protesters (Libya),,,,,,,,,,,,,,Test Square,"
            + "32.11,20.07,2,,,,0,,",
    ]
    static let otherValues = ["Amal,7", ",8"]

    static func csv() -> String {
        ([acledHeader + "," + otherHeader] + zip(rows, otherValues).map { $0 + "," + $1 }).joined(separator: "\n") + "\n"
    }

    static func location(_ backend: Backend, in folder: TemporaryFolder) throws -> StoreLocation {
        switch backend {
        case .spatiaLite: return StoreLocation(folder.path + "/columns.sqlite")
        case .postGIS: return StoreLocation(try ThrowawayPostgres.shared().makeDatabase())
        }
    }

    static func ingest(_ path: String, into location: StoreLocation) throws -> IngestFiles.Report {
        var reports: [IngestFiles.FileReport] = []
        let report = try IngestFiles(location: location).run(IngestFiles.Request(files: [path])) { event in
            if case .stored(let file) = event { reports.append(file) }
        }
        if let failure = report.failure { throw failure }
        return report
    }

    static func exportedCSV(_ location: StoreLocation, in folder: TemporaryFolder) throws -> [String] {
        let store = try location.open(.mustExist)
        defer { try? store.close() }
        let path = folder.path + "/export-\(UUID().uuidString).csv"
        try ExportIncidents(store: store).run(IncidentFilter(), format: .csv, to: .file(path))
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A row with its `ingested_at` value (when it was stored: `2019-04-09T10:15:00Z`) blanked.
    static func withoutIngestTime(_ line: String) -> String {
        line.replacingOccurrences(of: #",\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,"#, with: ",,", options: .regularExpression)
    }

    @Test(arguments: Backend.allCases)
    func everyColumnOfACLEDsLayoutComesBackInItsOrderWithItsValues(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("acled-31.csv", Self.csv())
        let location = try Self.location(backend, in: folder)
        let report = try Self.ingest(path, into: location)
        #expect(report.total.added == 2)
        let exported = try Self.exportedCSV(location, in: folder)
        #expect(exported.count == 3)
        let header = try #require(exported.first)
        #expect(header.hasPrefix(Self.acledHeader + ","), "the export's header: \(header)")
        #expect(header.hasSuffix(",location_ar,place_id,source_url,evidence,ingested_at,original_event_type,other_columns"))
        for (row, line) in zip(Self.rows, exported.dropFirst()) {
            #expect(line.hasPrefix(row + ","), "exported: \(line)")
        }
        #expect(exported[1].hasSuffix(#","{""analyst"":""Amal"",""Batch No"":""7""}""#), "\(exported[1])")
        #expect(exported[2].hasSuffix(#","{""Batch No"":""8""}""#), "\(exported[2])")
        let store = try location.open(.mustExist)
        let incident = try #require(try store.incident(withID: "XLBY101"))
        #expect(incident.keptColumns[.country] == "Libya" && incident.keptColumns[.inter2] == "Identity militia")
        #expect(incident.keptColumns[.assocActor1] == "Test Tribe A; Test Tribe B" && incident.keptColumns[.timestamp] == "1554768000")
        try store.close()
    }

    /// The export is itself a file incidentmap reads: ingested into another store, it exports
    /// again to the same rows (but for when they were stored), `other_columns` included.
    @Test(arguments: Backend.allCases)
    func anExportIngestedAgainExportsTheSame(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let first = try Self.location(backend, in: folder)
        _ = try Self.ingest(try folder.write("acled-31.csv", Self.csv()), into: first)
        let exported = try Self.exportedCSV(first, in: folder)
        let second: StoreLocation
        switch backend {
        case .spatiaLite: second = StoreLocation(folder.path + "/again.sqlite")
        case .postGIS: second = StoreLocation(try ThrowawayPostgres.shared().makeDatabase())
        }
        _ = try Self.ingest(try folder.write("export.csv", exported.joined(separator: "\n") + "\n"), into: second)
        let again = try Self.exportedCSV(second, in: folder)
        #expect(again.count == exported.count)
        #expect(Self.withoutIngestTime(exported[1]) != exported[1], "the ingest time is not where the test looks for it")
        for (line, original) in zip(again, exported) {
            #expect(Self.withoutIngestTime(line) == Self.withoutIngestTime(original))
        }
    }

    /// ACLED's monadic layout: one row per actor, the same id. One incident with both actors.
    @Test(arguments: Backend.allCases)
    func monadicRowsAreFoldedAndCounted(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let header = "event_id_cnty,event_date,event_type,actor1,assoc_actor_1,inter1,interaction,latitude,longitude,fatalities\n"
        let path = try folder.write("monadic.csv", header
            + "XLBY201,2019-04-08,Battles,Test Militia A,Test Tribe A,Rebel group,Rebel group-Identity militia,32.89,13.27,3\n"
            + "XLBY201,2019-04-08,Battles,Test Militia B,,Identity militia,Rebel group-Identity militia,32.89,13.27,3\n"
            + "XLBY202,2019-04-08,Protests,Protesters (Libya),,Protesters,Protesters only,32.11,20.07,0\n")
        let location = try Self.location(backend, in: folder)
        var lines: [String] = []
        let report = try IngestFiles(location: location).run(IngestFiles.Request(files: [path])) { event in
            if case .stored(let file) = event {
                #expect(file.foldedRows == 1 && file.repeatedRows == 0)
                lines.append(file.description)
            }
        }
        #expect(report.total.added == 2 && report.total.alreadyPresent == 0)
        #expect(lines.first?.contains("1 row(s) of ACLED's monadic layout folded") == true, "\(lines)")
        let store = try location.open(.mustExist)
        defer { try? store.close() }
        let event = try #require(try store.incident(withID: "XLBY201"))
        #expect(event.actor1 == "Test Militia A" && event.actor2 == "Test Militia B")
        #expect(event.keptColumns[.assocActor1] == "Test Tribe A" && event.keptColumns[.assocActor2] == nil)
        #expect(event.keptColumns[.inter1] == "Rebel group" && event.keptColumns[.inter2] == "Identity militia")
        #expect(event.fatalities == 3)
    }

    /// An article's incident carries what incidentmap knows of ACLED's columns: its year, and
    /// Libya's country, ISO code and ACLED region; a second report of it fills none twice.
    @Test(arguments: Backend.allCases)
    func mergingFillsTheKeptColumnsTheStoredIncidentLacks(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        defer { try? store.close() }
        var stored = TestIncidents.incident("XLBY301", 32.89, 13.27)
        stored.keptColumns[.country] = "Libya"
        _ = try store.ingest { batch in try batch.add(stored) }
        var report = stored
        report.source = "Other Wire"
        report.keptColumns = .libyan(year: 2019)
        report.keptColumns[.country] = "Elsewhere"
        let summary = try store.ingest { batch in _ = try batch.addOrMerge(report) }
        #expect(summary.merged == 1)
        let merged = try #require(try store.incident(withID: "XLBY301"))
        #expect(merged.keptColumns[.country] == "Libya")
        #expect(merged.keptColumns[.year] == "2019" && merged.keptColumns[.iso] == "434" && merged.keptColumns[.region] == "Northern Africa")
    }

    /// A PostGIS store made before its v2 gains the columns when a command opens it, its
    /// incidents with the columns empty.
    @Test func aPostGISStoreFromBeforeGainsTheColumns() throws {
        let postgres = try ThrowawayPostgres.shared()
        let url = try postgres.makeDatabase()
        let database = String(url.split(separator: "/").last!)
        let store = try StoreLocation(url).open(.createIfMissing)
        _ = try store.ingest { batch in try batch.add(TestIncidents.incident("OLD", 32, 13)) }
        try store.close()
        let kept = KeptColumns.columns.map(\.rawValue)
        try postgres.psql(database, "ALTER TABLE incidents " + kept.map { "DROP COLUMN \($0)" }.joined(separator: ", ")
                          + "; DELETE FROM incidentmap_migrations WHERE name LIKE 'v2:%'")
        let reopened = try StoreLocation(url).open(.mustExist)
        defer { try? reopened.close() }
        #expect(try reopened.incident(withID: "OLD")?.keptColumns.isEmpty == true)
        let columns = try postgres.psql(database, "SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents'")
        #expect(Set(kept).isSubset(of: columns.split(separator: "\n").map(String.init)))
    }
}
