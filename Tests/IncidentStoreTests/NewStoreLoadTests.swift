import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// A new store's first load (`NewStoreLoad`): loaded beside its path without a journal, then
/// made the store at its path, with the rows an ingest into a store stores; a failed load
/// leaves no file.
@Suite struct NewStoreLoadTests {
    /// More rows than the bulk path's threshold, with ids, places and dates in no order.
    static func incidents(_ count: Int) -> [Incident] {
        var generator = SeededGenerator(state: 13)
        return (0..<count).map { n in
            let day = Int.random(in: 1...28, using: &generator)
            var incident = StoreFixtures.incident("NL\(Int.random(in: 0..<1_000_000, using: &generator))-\(n)",
                                                  Double.random(in: 20...33, using: &generator),
                                                  Double.random(in: 9...25, using: &generator),
                                                  date: String(format: "2019-04-%02d", day), type: n % 3 == 0 ? .protests : .battles)
            incident.notes = "note \(n)"
            incident.fatalities = n % 7
            return incident
        }
    }

    /// Every stored column but `ingested_at` (the second each ingest ran), the geometry as bytes,
    /// in id order; and the spatial index's entries.
    static func dump(_ path: String) throws -> (rows: [[String]], spatialIndex: [[String]]) {
        let queue = try StoreFile.readOnlyQueue(path, immutable: false)
        defer { try? queue.close() }
        return try queue.read { db in
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('incidents') WHERE name != 'ingested_at'")
            let list = columns.map { $0 == "geom" ? "hex(geom)" : "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            let rows = try String.fetchAll(db, sql: "SELECT \(list) FROM incidents ORDER BY id").map { [$0] }
            let index = try Row.fetchAll(db, sql: "SELECT pkid, xmin, xmax, ymin, ymax FROM \(SpatialSQL.spatialIndexTable) ORDER BY pkid")
                .map { row in (0..<5).map { String(describing: row[$0] as DatabaseValue) } }
            return (rows, index)
        }
    }

    @Test func aFirstLoadStoresWhatAnIngestIntoAStoreStores() throws {
        let folder = try TemporaryFolder()
        let incidents = Self.incidents(6_000)
        let reference = try StoreFixtures.store(in: folder, name: "reference.sqlite")
        let referenceSummary = try reference.ingest(expectedRows: incidents.count) { batch in
            for incident in incidents { try batch.add(incident) }
        }
        try reference.close()

        let path = folder.path + "/loaded.sqlite"
        let load = try NewStoreLoad(path: path)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the path while it loads")
        #expect(FileManager.default.fileExists(atPath: load.temporaryPath))
        #expect((load.temporaryPath as NSString).deletingLastPathComponent == folder.path)
        // What a signal during the load or its switch to WAL must remove.
        #expect(load.temporaryFiles == ["", "-wal", "-shm", "-journal"].map { load.temporaryPath + $0 })
        let summary = try load.ingest(expectedRows: incidents.count) { batch in
            for incident in incidents { try batch.add(incident) }
        }
        try load.finish()
        #expect(summary == referenceSummary && summary.added == 6_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["loaded.sqlite", "reference.sqlite"])

        let (loaded, expected) = (try Self.dump(path), try Self.dump(folder.path + "/reference.sqlite"))
        #expect(loaded.rows.count == 6_000 && loaded.spatialIndex.count == 6_000)
        #expect(loaded.rows == expected.rows)
        #expect(loaded.spatialIndex == expected.spatialIndex)

        // The store's own journal, and a store that opens, answers and takes more rows as any.
        let store = try IncidentStore(path: path, mode: .mustExist)
        #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try store.count(matching: IncidentFilter()) == 6_000)
        #expect(try store.incidents(near: try Coordinate(latitude: 26, longitude: 17), within: Length(metres: 50_000)).count
                == (try IncidentStore(path: folder.path + "/reference.sqlite", mode: .mustExist)
                    .incidents(near: try Coordinate(latitude: 26, longitude: 17), within: Length(metres: 50_000)).count))
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("NL-after", 32.9, 13.2)) }
        #expect(try store.count(matching: IncidentFilter()) == 6_001)
        try store.close()

        if OGRInfo.path != nil {
            let info = try OGRInfo.run(["-so", "-ro", path, "incidents"])
            #expect(info.contains("Feature Count: 6001"), "\(info)")
            #expect(info.contains("Geometry: Point"), "\(info)")
        }
    }

    struct BrokenRow: Error {}

    @Test func aFailedFirstLoadLeavesNoFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/failed.sqlite"
        let load = try NewStoreLoad(path: path)
        #expect(throws: BrokenRow.self) {
            _ = try load.ingest(expectedRows: 6_000) { batch in
                for incident in Self.incidents(6_000).prefix(5_000) { try batch.add(incident) }
                throw BrokenRow()
            }
        }
        load.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aLoadNeitherFinishedNorDiscardedIsRemoved() throws {
        let folder = try TemporaryFolder()
        do {
            let load = try NewStoreLoad(path: folder.path + "/dropped.sqlite")
            _ = try load.ingest(expectedRows: 10) { batch in try batch.add(StoreFixtures.incident("NL1", 32.9, 13.2)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Two ingests making the same new store at once: the one that finishes second must not
    /// replace the first one's store (a rename would), and says so.
    @Test func aStoreMadeAtThePathDuringTheLoadIsKeptAndTheLoadRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/raced.sqlite"
        let first = try NewStoreLoad(path: path), second = try NewStoreLoad(path: path)
        _ = try first.ingest(expectedRows: 10) { batch in try batch.add(StoreFixtures.incident("NL-first", 32.9, 13.2)) }
        _ = try second.ingest(expectedRows: 10) { batch in try batch.add(StoreFixtures.incident("NL-second", 32.8, 13.1)) }
        try first.finish()
        #expect(throws: StoreError.createdMeanwhile(path: path)) { try second.finish() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["raced.sqlite"])
        let queue = try StoreFile.readOnlyQueue(path, immutable: false)
        defer { try? queue.close() }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT event_id_cnty FROM incidents") } == ["NL-first"])
    }

    @Test func aFolderThatCannotBeWrittenIsRefusedAsANewStoreIs() throws {
        let path = "/proc/incidentmap-\(getpid())/new.sqlite"
        #expect(throws: StoreError.self) { _ = try NewStoreLoad(path: path) }
    }
}
