import Foundation
import GRDB
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentStore

/// A radius query must give exactly what measuring every stored incident would give.
@Suite struct RadiusQueryTests {
    /// Every point within `radius`, nearest first; ties (points on one circle can be equally
    /// far to the last bit) in the order they were stored, as the store breaks them.
    static func bruteForce(_ points: [(String, Coordinate)], centre: Coordinate, radius: Double) -> [String] {
        points.enumerated()
            .map { (index: $0.offset, id: $0.element.0, distance: Geodesic.distance(from: centre, to: $0.element.1)) }
            .filter { $0.distance <= radius }
            .sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
            .map(\.id)
    }

    @Test func equalsBruteForceEverywhereIncludingPolesAndTheAntimeridian() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        var generator = SeededGenerator(state: 42)
        let centres: [Coordinate] = try [
            (32.8942, 13.2761), (0, 179.9), (0, -179.9), (89.9, 45), (-89.95, -100), (60, 180), (-17, -180),
        ].map { try Coordinate(latitude: $0.0, longitude: $0.1) }
        // Points scattered around each centre out to 60 km, plus points placed exactly on a
        // 10 km circle (the boundary the query must keep).
        var points: [(String, Coordinate)] = []
        for (index, centre) in centres.enumerated() {
            for n in 0..<300 {
                let reached = Geodesic.destination(from: centre, azimuth: Double.random(in: 0..<360, using: &generator),
                                                   metres: Double.random(in: 0...60_000, using: &generator))
                points.append(("C\(index)-\(n)", try Coordinate(latitude: reached.latitude, longitude: reached.longitude)))
            }
            for n in 0..<36 {
                let reached = Geodesic.destination(from: centre, azimuth: Double(n) * 10, metres: 10_000)
                points.append(("E\(index)-\(n)", try Coordinate(latitude: reached.latitude, longitude: reached.longitude)))
            }
        }
        _ = try store.ingest { batch in
            for (id, point) in points {
                try batch.add(StoreFixtures.incident(id, point.latitude, point.longitude))
            }
        }
        for centre in centres {
            for radius in [0.0, 1_000, 9_999.999, 10_000, 25_000, 100_000] {
                let hits = try store.incidents(near: centre, within: Length(metres: radius))
                let expected = Self.bruteForce(points, centre: centre, radius: radius)
                let found = hits.map(\.incident.eventID)
                #expect(found.count == expected.count, "centre \(centre), radius \(radius)")
                #expect(found == expected, "centre \(centre), radius \(radius): first difference at \(Array(zip(found, expected)).firstIndex { $0.0 != $0.1 } ?? -1)")
                #expect(hits.allSatisfy { $0.distanceMetres <= radius })
                #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.distanceMetres <= $1.distanceMetres })
            }
        }
    }

    @Test func limitKeepsTheNearest() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in
            try batch.add(StoreFixtures.incident("FAR", 32.88743, 13.18733))
            try batch.add(StoreFixtures.incident("NEAR", 32.8942, 13.2761))
            try batch.add(StoreFixtures.incident("OUT", 32.11486, 20.06859))
        }
        let mitiga = try Coordinate(latitude: 32.8942, longitude: 13.2761)
        let all = try store.incidents(near: mitiga, within: try Length(parsing: "10km"))
        #expect(all.map(\.incident.eventID) == ["NEAR", "FAR"])
        #expect(abs(all[1].distanceMetres - 8339.909521427) < 1e-6)
        #expect(try store.incidents(near: mitiga, within: try Length(parsing: "10km"), limit: 1).map(\.incident.eventID) == ["NEAR"])
    }
}

/// A large load builds the spatial index in one packed pass: SQLite's own check must pass and
/// radius queries must still equal brute force, also for rows added afterwards one at a time.
@Suite struct BulkIndexTests {
    @Test func aBulkLoadBuildsAValidIndex() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        var generator = SeededGenerator(state: 99)
        var points: [(String, Coordinate)] = []
        for n in 0..<6_000 {
            let point = try Coordinate(latitude: Double.random(in: 31...33.5, using: &generator),
                                       longitude: Double.random(in: 12...15, using: &generator))
            points.append(("B\(n)", point))
        }
        _ = try store.ingest(expectedRows: 60_000) { batch in
            for (id, point) in points { try batch.add(StoreFixtures.incident(id, point.latitude, point.longitude)) }
        }
        _ = try store.ingest { batch in
            try batch.add(StoreFixtures.incident("LATE", 32.8942, 13.2761))
        }
        points.append(("LATE", try Coordinate(latitude: 32.8942, longitude: 13.2761)))
        try store.pool.read { db in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incidents_geom')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM idx_incidents_geom") == 6_001)
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incidents'")
            #expect(Set(triggers).isSuperset(of: ["ggi_incidents_geom", "tmi_incidents_geom", "gii_incidents_geom"]))
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'")
            #expect(Set(indexes).isSuperset(of: ["incidents_event_date", "incidents_point"]))
            // Each leaf cell's row id maps to the node that holds it (what `_rowid` is for).
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM idx_incidents_geom_rowid r JOIN incidents i ON i.id = r.rowid
                """) == 6_001)
        }
        let mitiga = try Coordinate(latitude: 32.8942, longitude: 13.2761)
        for radius in [500.0, 5_000, 20_000] {
            let hits = try store.incidents(near: mitiga, within: Length(metres: radius)).map(\.incident.eventID)
            #expect(hits == RadiusQueryTests.bruteForce(points, centre: mitiga, radius: radius))
        }
    }

    @Test func aFailedBulkLoadLeavesTheIndexAndTriggersAsTheyWere() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("KEEP", 32, 13)) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try store.ingest(expectedRows: 100_000) { batch in
                try batch.add(StoreFixtures.incident("GONE", 33, 14))
                throw Stop()
            }
        }
        try store.pool.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('idx_incidents_geom')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'gii_incidents_geom'") == 1)
        }
        #expect(try store.count() == 1)
    }
}
