import Foundation
import GRDB
import IncidentImport
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

@Suite struct IncidentStoreTests {
    @Test func storesAndReadsBackEveryColumn() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        var original = StoreFixtures.incident("A1", 32.8942, 13.2761, type: .explosionsRemoteViolence)
        original.subEventType = "Air/drone strike"
        original.actor1 = "LNA"
        original.fatalities = 3
        original.sourceURL = "https://example.org/a"
        original.placeID = "MITIGA"
        original.timePrecision = .week
        original.geoPrecision = .nearPlace
        let summary = try store.ingest { batch in try batch.add(original) }
        #expect(summary == IngestSummary(added: 1, alreadyPresent: 0))
        let stored = try #require(try store.incident(withID: "A1"))
        #expect(stored.ingestedAt != nil)
        var comparable = stored
        comparable.ingestedAt = nil
        #expect(comparable == original)
    }

    @Test func reingestingAddsNothing() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        let incidents = (0..<10).map { StoreFixtures.incident("E\($0)", 32 + Double($0) / 100, 13) }
        let first = try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
        let second = try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
        #expect(first == IngestSummary(added: 10, alreadyPresent: 0))
        #expect(second == IngestSummary(added: 0, alreadyPresent: 10))
        #expect(try store.count() == 10)
    }

    @Test func aFailedIngestStoresNothingAndKeepsWhatWasThere() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("KEEP", 32, 13)) }
        let good = "{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13}"
        let path = try folder.write("bad.jsonl", good + "\n" + good.replacingOccurrences(of: "13}", with: "13.5}") + "\n{broken\n")
        let reader = try IncidentFileReader(path: path)
        #expect(throws: ImportError.self) {
            _ = try store.ingest { batch in
                while let incident = try reader.next() { try batch.add(incident) }
            }
        }
        #expect(try store.count() == 1)
        #expect(try store.incident(withID: "KEEP") != nil)
    }

    @Test func reopeningAStoreKeepsItsIncidentsAndSchema() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try StoreFixtures.store(in: folder)
            _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 1, 2)) }
            try store.close()
        }
        let reopened = try IncidentStore(path: folder.path + "/incidents.sqlite", mode: .mustExist)
        #expect(try reopened.count() == 1)
        let journal = try reopened.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    /// Exports, statistics and radius queries read plain columns: a store whose schema is
    /// current opens without SpatiaLite (its libraries cost every command 13 MB), and the first
    /// write loads it, since the table's triggers and `MakePoint` need it.
    @Test func aCurrentStoreOpensWithoutSpatiaLiteAndAWriteLoadsIt() throws {
        let folder = try TemporaryFolder()
        try StoreFixtures.store(in: folder).close()
        let store = try IncidentStore(path: folder.path + "/incidents.sqlite", mode: .mustExist)
        func spatiaLiteVersion() throws -> String? {
            try store.pool.writeWithoutTransaction { db in try? String.fetchOne(db, sql: "SELECT spatialite_version()") }
        }
        #expect(try spatiaLiteVersion() == nil)
        #expect(try store.count() == 0)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 32.89, 13.27)) }
        #expect(try spatiaLiteVersion() != nil)
        #expect(try store.readWithSpatiaLite { db in try Double.fetchOne(db, sql: "SELECT X(geom) FROM incidents") } == 13.27)
    }

    /// A store made before migration v4 loses its `event_type` index when it is next opened.
    @Test func anOlderStoreIsMigratedWhenOpened() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/incidents.sqlite"
        do {
            let store = try StoreFixtures.store(in: folder)
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE INDEX incidents_event_type ON incidents(event_type)")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v4:%'")
            }
            try store.close()
        }
        let store = try IncidentStore(path: path, mode: .mustExist)
        let indexes = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'")
        }
        #expect(!indexes.contains("incidents_event_type"))
        #expect(indexes.contains("incidents_event_date") && indexes.contains("incidents_point"))
    }

    /// QGIS users copy and mail the .sqlite file alone: after a write, it holds what was written
    /// even while the store is still open and its WAL file is beside it.
    @Test func afterAnIngestTheStoreFileAloneHoldsTheIncidents() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in
            for number in 0..<300 { try batch.add(StoreFixtures.incident("C\(number)", 32.89, 13.18)) }
        }
        let copy = folder.path + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: store.path, toPath: copy)
        #expect(try IncidentStore(path: copy, mode: .mustExist).count(matching: IncidentFilter()) == 300)
    }

    @Test func refusesAMissingStoreWhenAskedToAndForeignFiles() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.missingStore(path: folder.path + "/none.sqlite")) {
            try IncidentStore(path: folder.path + "/none.sqlite", mode: .mustExist)
        }
        let text = try folder.write("notes.sqlite", "this is not a database, just some text that is long enough")
        #expect(throws: StoreError.self) { try IncidentStore(path: text) }
        let other = folder.path + "/other.sqlite"
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE people (name TEXT)") }
        try queue.close()
        #expect(throws: StoreError.notAStore(path: other, reason: "it holds tables (people) but not an incidentmap store's; nothing in it was changed")) {
            try IncidentStore(path: other)
        }
    }

    @Test func theGeometryIsARegisteredIndexedPointIn4326() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("A", 32.8942, 13.2761)) }
        try store.readWithSpatiaLite { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT geometry_type, srid, spatial_index_enabled FROM geometry_columns
                WHERE f_table_name = 'incidents' AND f_geometry_column = 'geom'
                """))
            #expect(row[0] as Int == 1)  // POINT, XY
            #expect(row[1] as Int == 4326)
            #expect(row[2] as Int == 1)
            let point = try #require(try Row.fetchOne(db, sql: "SELECT X(geom), Y(geom), SRID(geom) FROM incidents"))
            #expect(point[0] as Double == 13.2761 && point[1] as Double == 32.8942 && point[2] as Int == 4326)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incidents_geom") == 1)
            // SpatiaLite's own ellipsoidal distance agrees with ours to the millimetre.
            let spatiaLite = try #require(try Double.fetchOne(db, sql: """
                SELECT ST_Distance(geom, MakePoint(13.18733, 32.88743, 4326), 1) FROM incidents
                """))
            let ours = Geodesic.distance(from: try Coordinate(latitude: 32.8942, longitude: 13.2761),
                                         to: try Coordinate(latitude: 32.88743, longitude: 13.18733))
            #expect(abs(spatiaLite - ours) < 1e-3)
        }
    }

    @Test func statisticsSummariseTheStore() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        #expect(try store.statistics().count == 0)
        _ = try store.ingest { batch in
            try batch.add(StoreFixtures.incident("A", 32, 13, date: "2019-04-04"))
            try batch.add(StoreFixtures.incident("B", 27, 14.4, date: "2019-04-18", type: .protests))
            try batch.add(StoreFixtures.incident("C", 32.1, 20.1, date: "2019-04-10"))
        }
        let statistics = try store.statistics()
        #expect(statistics.count == 3)
        #expect(statistics.firstDate?.description == "2019-04-04")
        #expect(statistics.lastDate?.description == "2019-04-18")
        #expect(statistics.boundingBox == (try BoundingBox(minLongitude: 13, minLatitude: 27, maxLongitude: 20.1, maxLatitude: 32.1)))
        #expect(statistics.countsByEventType.map(\.eventType) == ["Battles", "Protests"])
        #expect(statistics.countsByEventType.map(\.count) == [2, 1])
    }
}
