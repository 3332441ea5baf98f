import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// `--db` on a file that is not ours changes nothing in it; a store that cannot be written is
/// read; a full disk is said to be one. The read-only and full-disk cases mount a small tmpfs,
/// which needs root (as CI runs); elsewhere they are skipped, and say so.
@Suite struct ForeignAndReadOnlyStoreTests {
    /// The bytes, and the names of the files beside it, of a database a test must find unchanged.
    struct Snapshot: Equatable {
        let bytes: Data
        let neighbours: [String]
        init(_ path: String) throws {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let folder = (path as NSString).deletingLastPathComponent
            neighbours = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        }
    }

    static func foreignDatabase(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test(arguments: [
        // A plain SQLite file in rollback-journal mode: a writer would switch it to WAL.
        "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Amal')",
        // What SpatiaLite's InitSpatialMetadata leaves, and no incidents: migrations would add ours.
        "CREATE TABLE spatial_ref_sys (srid INTEGER PRIMARY KEY); CREATE TABLE geometry_columns (f_table_name TEXT)",
        // Another GRDB application's own `incidents` table: would gain our migrations.
        "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'); CREATE TABLE incidents (id INTEGER PRIMARY KEY, title TEXT)",
    ])
    func aForeignDatabaseIsRefusedAndLeftByteForByteAsItWas(sql: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/theirs.sqlite"
        try Self.foreignDatabase(path, sql)
        let before = try Snapshot(path)
        for mode in [IncidentStore.OpenMode.createIfMissing, .mustExist] {
            do {
                _ = try IncidentStore(path: path, mode: mode)
                Issue.record("a foreign database was opened as a store (\(mode))")
            } catch let error as StoreError {
                guard case .notAStore(_, let reason) = error else { Issue.record("\(error)"); continue }
                #expect(reason.contains("nothing in it was changed"), "\(reason)")
            }
            #expect(try Snapshot(path) == before, "opening with \(mode) changed the file or left files beside it")
        }
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "delete")
    }

    @Test func aNewStoreAppearsWholeAndLeavesNothingBeside() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/incidents.sqlite"
        let store = try IncidentStore(path: path)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 32.89, 13.18)) }
        try store.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.contains("creating") }, "\(names)")
        #expect(try IncidentStore(path: path, mode: .mustExist).count(matching: IncidentFilter()) == 1)
    }

    @Test func anEmptyFileIsNoStoreToReadButMayBecomeOne() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.sqlite", "")
        #expect(throws: StoreError.missingStore(path: path)) { try IncidentStore(path: path, mode: .mustExist) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        let store = try IncidentStore(path: path)
        #expect(try store.count(matching: IncidentFilter()) == 0)
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func aStoreOnAReadOnlyFileSystemServesReadsAndRefusesWritesPlainly() throws {
        let folder = try TemporaryFolder()
        let original = folder.path + "/incidents.sqlite"
        let store = try IncidentStore(path: original)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 32.89, 13.18)) }
        try store.close()
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let path = mount.path + "/incidents.sqlite"
        try FileManager.default.copyItem(atPath: original, toPath: path)
        try mount.remountReadOnly()

        let reader = try IncidentStore(path: path, mode: .mustExist)
        #expect(reader.isReadOnly)
        #expect(try reader.count(matching: IncidentFilter()) == 1)
        #expect(try reader.incidents(near: try Coordinate(latitude: 32.89, longitude: 13.18), within: Length(metres: 1_000), limit: nil).count == 1)
        do {
            _ = try reader.ingest { batch in try batch.add(StoreFixtures.incident("B", 32.89, 13.18)) }
            Issue.record("a write to a read-only store succeeded")
        } catch let error as StoreError {
            #expect(error.description.contains("read-only file system"), "\(error)")
        }
        // What `serve` opens it with: read, not refused.
        let served = try IncidentStore(path: path, mode: .createIfMissingElseRead)
        #expect(served.isReadOnly && served.readOnlyReason == "it is on a read-only file system")
        #expect(try served.count(matching: IncidentFilter()) == 1)
        do {
            _ = try IncidentStore(path: path, mode: .createIfMissing)
            Issue.record("a writer opened a store on a read-only file system")
        } catch let error as StoreError {
            guard case .readOnly = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("commands that only read"))
        }
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func aFullDiskIsSaidToBeFullAndTheStoreKeepsWhatItHad() throws {
        let mount = try Tmpfs(megabytes: 9)
        defer { mount.unmount() }
        let path = mount.path + "/incidents.sqlite"
        let store = try IncidentStore(path: path)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("KEEP", 32.89, 13.18)) }
        // Rows with long notes until the disk is full: the whole transaction goes.
        try Self.ingestUntilTheDiskIsFull(store, path: path)
        #expect(try store.count(matching: IncidentFilter()) == 1)
        try store.close()
        // With not a byte left, the store is still read, and a writer says why it cannot.
        try mount.fill()
        let reader = try IncidentStore(path: path, mode: .mustExist)
        #expect(try reader.count(matching: IncidentFilter()) == 1)
        try Self.ingestUntilTheDiskIsFull(try IncidentStore(path: path, mode: .createIfMissing), path: path)
        #expect(try reader.count(matching: IncidentFilter()) == 1)
    }

    static func ingestUntilTheDiskIsFull(_ store: IncidentStore, path: String) throws {
        do {
            _ = try store.ingest { batch in
                for number in 0..<200_000 {
                    var incident = StoreFixtures.incident("N\(number)", 32 + Double(number % 1000) / 1000, 13.18)
                    incident.notes = String(repeating: "n", count: 500)
                    try batch.add(incident)
                }
            }
            Issue.record("200,000 rows of 500 bytes fitted on a 9 MB disk")
        } catch let error as StoreError {
            #expect(error == .diskFull(path: path), "\(error)")
        }
    }
}

/// What `serve` opens a store with (``IncidentStore/OpenMode/createIfMissingElseRead``), and a
/// store made by an older incidentmap on a read-only mount, which is read through a migrated
/// copy rather than refused.
@Suite struct ReadOnlyOpeningTests {
    /// A store with the first migration only, as the first incidentmap made it, holding one
    /// incident at Mitiga written with that schema's columns.
    static func firstSchemaStore(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let spatiaLite = SpatiaLiteLoader()
        try queue.writeWithoutTransaction { db in
            try spatiaLite.load(into: db)
            try SpatialSQL.initialiseMetadata(db)
        }
        let first = try #require(StoreMigrations.migrator.migrations.first)
        try StoreMigrations.migrator.migrate(queue, upTo: first)
        try queue.write { db in
            try spatiaLite.load(into: db)
            try db.execute(sql: """
                INSERT INTO incidents (event_id_cnty, event_date, time_precision, event_type, latitude, longitude,
                                       geo_precision, ingested_at, geom)
                VALUES ('OLD1', '2019-04-08', 1, 'Battles', 32.8942, 13.2761, 1, '2019-04-09 10:00:00',
                        MakePoint(13.2761, 32.8942, 4326))
                """)
        }
        try queue.close()
    }

    @Test func aMissingStoreIsCreatedAndAWritableOneWritten() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/served.sqlite"
        let store = try IncidentStore(path: path, mode: .createIfMissingElseRead)
        #expect(!store.isReadOnly && store.readOnlyReason == nil)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 32.89, 13.18)) }
        try store.close()
        #expect(try IncidentStore(path: path, mode: .createIfMissingElseRead).count(matching: IncidentFilter()) == 1)
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func anOlderStoreOnAReadOnlyMountIsReadThroughAMigratedCopy() throws {
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let path = mount.path + "/old.sqlite"
        try Self.firstSchemaStore(at: path)
        let before = try ForeignAndReadOnlyStoreTests.Snapshot(path)
        try mount.remountReadOnly()

        for mode in [IncidentStore.OpenMode.mustExist, .createIfMissingElseRead] {
            let reader = try IncidentStore(path: path, mode: mode)
            #expect(reader.isReadOnly)
            #expect(reader.readOnlyReason?.contains("made by an older incidentmap") == true, "\(reader.readOnlyReason ?? "nil")")
            #expect(try reader.count(matching: IncidentFilter()) == 1)
            let near = try reader.incidents(near: try Coordinate(latitude: 32.8942, longitude: 13.2761), within: Length(metres: 100), limit: nil)
            #expect(near.map(\.incident.eventID) == ["OLD1"])
            #expect(try reader.statistics().count == 1)
            let copy = try #require(reader.temporaryCopy)
            #expect(FileManager.default.fileExists(atPath: copy))
            #expect(throws: StoreError.self) { try reader.ingest { batch in try batch.add(StoreFixtures.incident("B", 32.89, 13.18)) } }
            try reader.close()
            #expect(!FileManager.default.fileExists(atPath: copy), "the migrated copy outlived the store")
        }
        // Still the first schema, byte for byte.
        #expect(try ForeignAndReadOnlyStoreTests.Snapshot(path) == before)
        #expect(throws: StoreError.readOnly(path: path, reason: "it is on a read-only file system")) {
            try IncidentStore(path: path, mode: .createIfMissing)
        }
    }
}
