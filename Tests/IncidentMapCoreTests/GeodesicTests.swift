import Foundation
import Testing
@testable import IncidentMapCore
import TestSupport

@Suite struct GeodesicTests {
    struct Reference {
        let start: Coordinate
        let end: Coordinate
        let metres: Double
    }

    static func references() throws -> [Reference] {
        let url = try #require(Bundle.module.url(forResource: "geodesic-wgs84", withExtension: "tsv",
                                                 subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let numbers = line.split(separator: "\t").map { Double($0)! }
            return Reference(start: try Coordinate(latitude: numbers[0], longitude: numbers[1]),
                             end: try Coordinate(latitude: numbers[2], longitude: numbers[3]),
                             metres: numbers[4])
        }
    }

    @Test func distancesMatchGeographicLib() throws {
        let references = try Self.references()
        #expect(references.count > 300)
        for reference in references {
            let metres = Geodesic.distance(from: reference.start, to: reference.end)
            // Karney's algorithm is accurate to 15 nm; allow a micrometre for print rounding.
            #expect(abs(metres - reference.metres) < 1e-6,
                    "\(reference.start) → \(reference.end): \(metres) vs \(reference.metres)")
        }
    }

    @Test func destinationInvertsDistance() throws {
        let tripoli = try Coordinate(latitude: 32.88743, longitude: 13.18733)
        for azimuth in stride(from: 0.0, to: 360.0, by: 15.0) {
            let reached = Geodesic.destination(from: tripoli, azimuth: azimuth, metres: 25_000)
            let back = Geodesic.distance(from: tripoli, to: try Coordinate(latitude: reached.latitude, longitude: reached.longitude))
            #expect(abs(back - 25_000) < 1e-6)
        }
    }

    @Test func destinationWrapsLongitudeAcrossTheAntimeridian() throws {
        let start = try Coordinate(latitude: 0, longitude: 179.9)
        let reached = Geodesic.destination(from: start, azimuth: 90, metres: 50_000)
        #expect(reached.longitude < -179 && reached.longitude >= -180)
    }

    /// The quick answers for far-apart and plainly close points agree with the geodesic distance, near the
    /// threshold too, at Libya's latitudes and near the poles and the antimeridian.
    @Test func isWithinAgreesWithTheDistance() throws {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<2000 {
            let start = try Coordinate(latitude: Double.random(in: -85...85, using: &generator),
                                       longitude: Double.random(in: -180...180, using: &generator))
            let end = try Coordinate(latitude: min(90, max(-90, start.latitude + Double.random(in: -1...1, using: &generator))),
                                     longitude: (start.longitude + Double.random(in: -2...2, using: &generator) + 540)
                                        .truncatingRemainder(dividingBy: 360) - 180)
            let metres = Geodesic.distance(from: start, to: end)
            for limit in [metres * 0.999, metres * 1.001, 30_000, 100_000] {
                #expect(Geodesic.isWithin(limit, from: start, to: end) == (metres < limit), "\(start) \(end) \(limit)")
            }
        }
    }
}
