import Foundation
import IncidentMapCore
import IncidentMapKit
import IncidentStorage
import Testing
import TestSupport

/// `incidentmap copy` between SpatiaLite files and PostGIS databases of the test run's
/// throwaway cluster, both ways: the stores export to the same bytes (ingest times included:
/// every column is carried as the source holds it), the gazetteer's places and refresh log go
/// along, and a copy that should not happen is refused with a message that says why.
@Suite struct CopyCommandTests {
    /// A SpatiaLite store holding the sample file and the radius-edge points, with one
    /// gazetteer place and one refresh record, as a refresh leaves them.
    static func source(in folder: TemporaryFolder) async throws -> String {
        let path = folder.path + "/source.sqlite"
        let ingest = await InProcessCommandTests.run(["ingest", CommandLineTests.sample,
                                                      try PostGISCommandTests.boundaryFile(in: folder), "--db", path])
        #expect(ingest.status == 0, "\(ingest.message)")
        let store = try StoreLocation(path).open(.mustExist)
        try store.updateGazetteer { transaction in
            try transaction.replaceImportedPlaces(with: [
                Place(id: "test-suq", kind: .village, nameEnglish: "Suq Test", nameArabic: "سوق",
                      coordinate: try Coordinate(latitude: 32.5, longitude: 13.1), source: "test"),
            ])
            try transaction.recordRefresh(GazetteerRefreshRecord(refreshedAt: Date(timeIntervalSince1970: 1_700_000_000),
                                                                 source: "places.tsv", places: 1, added: 1, removed: 0,
                                                                 renamed: 0, moved: 0, incidentsUpdated: 0))
        }
        try store.close()
        return path
    }

    /// The store exported in `format`, as bytes.
    static func export(_ store: String, _ format: String, in folder: TemporaryFolder) async throws -> String {
        let out = folder.path + "/export-\(UUID().uuidString).\(format)"
        let export = await InProcessCommandTests.run(["export", "--db", store, "--format", format, "--out", out])
        #expect(export.status == 0, "\(store): \(export.message)")
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @Test func copiesEveryWayAndTheExportsAreTheSameBytes() async throws {
        let folder = try TemporaryFolder()
        let cluster = try ThrowawayPostgres.shared()
        let file = try await Self.source(in: folder)
        let server = try cluster.makeDatabase(), secondServer = try cluster.makeDatabase()
        let backToFile = folder.path + "/back.sqlite", fileCopy = folder.path + "/copy.sqlite"
        // file → PostGIS → PostGIS → file, and file → file.
        for (from, to) in [(file, server), (server, secondServer), (secondServer, backToFile), (file, fileCopy)] {
            let copy = await InProcessCommandTests.run(["copy", "--from", from, "--to", to])
            #expect(copy.status == 0, "\(from) → \(to): \(copy.message)")
            #expect(copy.errors.last?.hasPrefix("copied 54 incidents from \(from) to \(to): 54 added") == true, "\(copy.errors)")
        }
        for format in ["csv", "geojson"] {
            let expected = try await Self.export(file, format, in: folder)
            #expect(expected.contains("EDGE0-0"))
            for store in [server, secondServer, backToFile, fileCopy] {
                #expect(try await Self.export(store, format, in: folder) == expected, "\(format) of \(store)")
            }
        }
        for store in [server, backToFile] {
            let opened = try StoreLocation(store).open(.mustExist)
            #expect(try opened.importedPlaces().map(\.id) == ["test-suq"], "\(store)")
            #expect(try opened.importedPlaces().first?.nameArabic == "سوق")
            #expect(try opened.refreshRecords().map(\.source) == ["places.tsv"], "\(store)")
            #expect(try opened.refreshRecords().first?.refreshedAt == Date(timeIntervalSince1970: 1_700_000_000))
            try opened.close()
        }
    }

    @Test func aTargetHoldingIncidentsIsRefusedUnlessMerged() async throws {
        let folder = try TemporaryFolder()
        let file = try await Self.source(in: folder)
        let server = try ThrowawayPostgres.shared().makeDatabase()
        let first = await InProcessCommandTests.run(["ingest", CommandLineTests.sample, "--db", server])
        #expect(first.status == 0, "\(first.message)")
        let before = try await Self.export(server, "csv", in: folder)

        let refused = await InProcessCommandTests.run(["copy", "--from", file, "--to", server])
        #expect(refused.status == 1)
        #expect(refused.message.contains("holds 14 incidents already: pass --merge"), "\(refused.message)")
        #expect(try await Self.export(server, "csv", in: folder) == before, "a refused copy changed the target")

        let merged = await InProcessCommandTests.run(["copy", "--from", file, "--to", server, "--merge"])
        #expect(merged.status == 0, "\(merged.message)")
        #expect(merged.errors.last?.contains("40 added, 0 merged, 14 already there") == true, "\(merged.errors)")
        #expect(try StoreLocation(server).open(.mustExist).count(matching: IncidentFilter()) == 54)
    }

    @Test func theSameStoreOrAMissingSourceIsRefusedAndNothingIsCreated() async throws {
        let folder = try TemporaryFolder()
        let file = try await Self.source(in: folder)
        let same = await InProcessCommandTests.run(["copy", "--from", file, "--to", folder.path + "/../\(URL(fileURLWithPath: folder.path).lastPathComponent)/source.sqlite"])
        #expect(same.status == 1)
        #expect(same.message.contains("is both --from and --to"), "\(same.message)")

        let missing = await InProcessCommandTests.run(["copy", "--from", folder.path + "/none.sqlite", "--to", folder.path + "/new.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.message.contains("no incidentmap store there to copy from"), "\(missing.message)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/new.sqlite"))

        let emptyDatabase = try ThrowawayPostgres.shared().makeDatabase()
        let noStore = await InProcessCommandTests.run(["copy", "--from", emptyDatabase, "--to", folder.path + "/new.sqlite"])
        #expect(noStore.status == 1)
        #expect(noStore.message.contains("no incident store in \(emptyDatabase)"), "\(noStore.message)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/new.sqlite"))
    }
}
