import Foundation
import IncidentMapCore
import Testing
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
        var generator = StoreFixtures.SeededGenerator(state: 42)
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
