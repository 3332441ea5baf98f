import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// A store made by each older incidentmap (its schema after migration 1, 2, … up to the one
/// before the current), on a read-only mount, read by every kind of query the commands make:
/// counts, rows, one incident, a radius query, statistics, the gazetteer's places. The file
/// stays byte for byte as it was.
@Suite struct OlderStoreReadingTests {
    /// Every schema version an older incidentmap made: 1 … the current one less one.
    static let olderVersions = Array(1..<StoreMigrations.migrator.migrations.count)

    /// A store whose schema is the one after the first `version` migrations, holding one
    /// incident at Mitiga written with the first schema's columns (every version has them).
    static func store(version: Int, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let spatiaLite = SpatiaLiteLoader()
        try queue.writeWithoutTransaction { db in
            try spatiaLite.load(into: db)
            try SpatialSQL.initialiseMetadata(db)
        }
        try StoreMigrations.migrator.migrate(queue, upTo: StoreMigrations.migrator.migrations[version - 1])
        try queue.write { db in
            try spatiaLite.load(into: db)
            try db.execute(sql: """
                INSERT INTO incidents (event_id_cnty, event_date, time_precision, event_type, latitude, longitude,
                                       geo_precision, fatalities, source, ingested_at, geom)
                VALUES ('OLD\(version)', '2019-04-08', 1, 'Battles', 32.8942, 13.2761, 1, 2, 'Libya Observer',
                        '2019-04-09 10:00:00', MakePoint(13.2761, 32.8942, 4326))
                """)
            #expect(try db.tableExists("gazetteer_places") == (version >= 2))
        }
        try queue.close()
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"), arguments: olderVersions)
    func anOlderStoreOnAReadOnlyMountAnswersEveryQuery(version: Int) throws {
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let path = mount.path + "/v\(version).sqlite"
        try Self.store(version: version, at: path)
        let before = try ForeignAndReadOnlyStoreTests.Snapshot(path)
        try mount.remountReadOnly()

        let reader = try IncidentStore(path: path, mode: .mustExist)
        #expect(reader.isReadOnly)
        #expect(try reader.count(matching: IncidentFilter()) == 1)
        var read: [Incident] = []
        try reader.forEachIncident { read.append($0) }
        #expect(read.map(\.eventID) == ["OLD\(version)"])
        let stored = try #require(try reader.incident(withID: "OLD\(version)"))
        #expect(stored.source == "Libya Observer" && stored.fatalities == 2)
        #expect(stored.originalEventType == nil && stored.keptColumns.isEmpty, "columns added since read as empty")
        let near = try reader.incidents(near: try Coordinate(latitude: 32.8942, longitude: 13.2761), within: Length(metres: 100), limit: nil)
        #expect(near.map(\.incident.eventID) == ["OLD\(version)"])
        #expect(try reader.statistics().count == 1)
        #expect(try reader.importedPlaces().isEmpty)
        #expect(throws: StoreError.self) { try reader.ingest { batch in try batch.add(StoreFixtures.incident("B", 32.89, 13.18)) } }
        let copy = try #require(reader.temporaryCopy)
        try reader.close()
        #expect(!FileManager.default.fileExists(atPath: copy), "the migrated copy outlived the store")
        #expect(try ForeignAndReadOnlyStoreTests.Snapshot(path) == before)
    }
}
