import Foundation
import IncidentMapCore

/// A test the server can make with two multiplications per row that keeps every incident
/// within a radius and leaves out most of the box's corners (about a fifth of its rows), so that
/// their rows are neither sent, nor read by libpq, nor measured with Karney's distance on the
/// client, which still decides (the SpatiaLite store's measure, bit for bit).
///
/// Why it never leaves out a hit: on the WGS84 ellipsoid a path's length is
/// ∫ √((M dφ)² + (N cos φ dλ)²), where M ≥ b²/a (its value at the equator) and N ≥ a. A geodesic
/// from the centre to a point within the radius stays within the radius, so inside the search
/// box (``SearchArea`` boxes contain the whole circle), where cos φ is at least its value at the
/// box's edge further from the equator, and its longitude runs inside the box (one box that does
/// not wrap), so its net change is the plain difference. The triangle inequality for integrals
/// then gives length ≥ √((b²/a · Δφ)² + (a · cos φ_edge · Δλ)²): a row whose bound exceeds the
/// radius is farther than the radius. The bound is compared with the radius plus a metre and a
/// millionth, so that rounding in the server's arithmetic cannot matter.
///
/// Hand-written rather than `ST_DWithin(geography)`: PostGIS's geography test cast every
/// candidate and cost 38–50 ms for a 1,339-row box at 1M rows (a parallel plan at that), the
/// multiplications 1.1 ms with the box's scan (`EXPLAIN ANALYZE`, BENCHMARKS.md, session 10).
struct CirclePrefilter: Equatable {
    /// The centre's latitude and longitude, degrees.
    let latitude: Double
    let longitude: Double
    /// Squared metres per squared degree of latitude and of longitude, lower bounds over the box.
    let latitudeScale: Double
    let longitudeScale: Double
    /// The squared bound a row's planar distance must not exceed, square metres.
    let squaredBound: Double

    /// The smallest radius of curvature along a meridian, b²/a (WGS84), and the smallest across
    /// it, a.
    static let smallestMeridionalRadius = 6_335_439.327
    static let equatorialRadius = 6_378_137.0

    /// The prefilter of a circle searched through `boxes`, or `nil` when the search is more than
    /// one box or spans every longitude (near a pole, across the antimeridian), where longitudes
    /// wrap and the plain difference is not the path's.
    init?(centre: Coordinate, radiusMetres: Double, boxes: [BoundingBox]) {
        guard boxes.count == 1, let box = boxes.first, box.minLongitude < box.maxLongitude,
              box.maxLongitude - box.minLongitude < 180, radiusMetres.isFinite else { return nil }
        let radians = Double.pi / 180
        let edgeCosine = max(0, min(cos(box.minLatitude * radians), cos(box.maxLatitude * radians)))
        let metresPerDegreeOfLatitude = Self.smallestMeridionalRadius * radians
        let metresPerDegreeOfLongitude = Self.equatorialRadius * edgeCosine * radians
        let bound = (max(0, radiusMetres) + 1) * 1.000_001
        latitude = centre.latitude
        longitude = centre.longitude
        latitudeScale = metresPerDegreeOfLatitude * metresPerDegreeOfLatitude
        longitudeScale = metresPerDegreeOfLongitude * metresPerDegreeOfLongitude
        squaredBound = bound * bound
    }

    /// The statement's parameters after the box's four: `$5` … `$9`.
    var parameters: [Double] { [latitude, longitude, latitudeScale, longitudeScale, squaredBound] }

    /// The SQL condition on the stored coordinates, its parameters numbered from `$first`.
    static func condition(first: Int) -> String {
        let latitude = "$\(first)", longitude = "$\(first + 1)"
        return "(latitude - \(latitude)) * (latitude - \(latitude)) * $\(first + 2)"
            + " + (longitude - \(longitude)) * (longitude - \(longitude)) * $\(first + 3) <= $\(first + 4)"
    }
}
