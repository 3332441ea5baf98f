import Foundation
import Testing
import TestSupport
@testable import IncidentMapCore

/// The boxes a radius query asks the index for must contain every point of the circle,
/// wherever the circle is: the tests walk the circle's edge (the hardest points) with
/// geod_direct and check each lies in some box.
@Suite struct SearchAreaTests {
    static let centres: [(latitude: Double, longitude: Double)] = [
        (32.8942, 13.2761),      // Mitiga
        (0, 0), (0, 179.95), (0, -179.95), (45, 180), (-45, -180),
        (89.5, 10), (-89.9, -170), (89.99, 0), (70, 179.8), (-60, -179.9),
    ]
    static let radii: [Double] = [0, 1, 1_000, 10_000, 50_000, 500_000, 3_000_000]

    @Test(arguments: centres)
    func boxesContainTheWholeCircle(centre: (latitude: Double, longitude: Double)) throws {
        let point = try Coordinate(latitude: centre.latitude, longitude: centre.longitude)
        for radius in Self.radii {
            let boxes = SearchArea.boxes(around: point, radiusMetres: radius)
            #expect(!boxes.isEmpty)
            #expect(boxes.allSatisfy { !$0.crossesAntimeridian })
            for step in 0..<720 {
                for fraction in [1.0, 0.5] {
                    let edge = Geodesic.destination(from: point, azimuth: Double(step) * 0.5, metres: radius * fraction)
                    let onEdge = try Coordinate(latitude: edge.latitude, longitude: edge.longitude)
                    #expect(boxes.contains { $0.contains(onEdge) },
                            "radius \(radius) around \(centre): \(onEdge) outside \(boxes)")
                }
            }
        }
    }

    @Test func smallCirclesGetSmallBoxes() throws {
        let mitiga = try Coordinate(latitude: 32.8942, longitude: 13.2761)
        let boxes = SearchArea.boxes(around: mitiga, radiusMetres: 10_000)
        #expect(boxes.count == 1)
        let box = try #require(boxes.first)
        // 10 km is about 0.09° of latitude and 0.107° of longitude here; the box may be a
        // little larger, never much larger.
        #expect(box.maxLatitude - box.minLatitude < 0.19)
        #expect(box.maxLongitude - box.minLongitude < 0.23)
    }

    @Test func circlesAcrossTheAntimeridianSplitInTwo() throws {
        let boxes = SearchArea.boxes(around: try Coordinate(latitude: 0, longitude: 179.99), radiusMetres: 10_000)
        #expect(boxes.count == 2)
    }

    @Test func circlesOverAPoleSpanEveryLongitude() throws {
        let boxes = SearchArea.boxes(around: try Coordinate(latitude: 89.95, longitude: 0), radiusMetres: 10_000)
        #expect(boxes.count == 1)
        #expect(boxes[0].minLongitude == -180 && boxes[0].maxLongitude == 180 && boxes[0].maxLatitude == 90)
    }
}

@Suite struct SearchStripTests {
    /// Points inside the circle and on its edge, in every direction, fall in some strip. The
    /// points between are drawn from a seeded generator, so a failure is the same on every run.
    @Test(arguments: [(32.9, 13.3), (-33.9, 151.2), (0, 0), (60, 25), (-75, -60), (80, 100), (0, 179.9), (89.5, 0)])
    func stripsContainTheWholeCircle(latitude: Double, longitude: Double) throws {
        let centre = try Coordinate(latitude: latitude, longitude: longitude)
        var generator = SeededGenerator(state: 16)
        for radius in [50.0, 1_000, 25_000, 50_000, 300_000, 2_000_000] {
            let strips = SearchArea.strips(around: centre, radiusMetres: radius, count: 8)
            for step in 0..<720 {
                let azimuth = Double(step) / 2
                for fraction in [1.0, 0.999, 0.7, Double.random(in: 0...1, using: &generator)] {
                    let point = Geodesic.destination(from: centre, azimuth: azimuth, metres: radius * fraction)
                    let inside = strips.contains { strip in
                        strip.unwrapped.contains { box in
                            (box.minLatitude...box.maxLatitude).contains(point.latitude)
                                && (box.minLongitude...box.maxLongitude).contains(point.longitude)
                        }
                    }
                    #expect(inside, "\(radius) m at \(azimuth)° from \(latitude),\(longitude): \(point)")
                    if !inside { return }
                }
            }
        }
    }
}
