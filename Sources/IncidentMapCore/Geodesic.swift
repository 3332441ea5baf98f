import CProj

/// Distances and positions on the WGS84 ellipsoid, by Karney's algorithms as PROJ ships them
/// (`geodesic.h`): accurate to nanometres, the same figures as GeographicLib and SpatiaLite's
/// `ST_Distance(a, b, 1)`.
///
/// ```swift
/// let metres = Geodesic.distance(from: tripoli, to: mitiga)   // ≈ 7962.09
/// ```
public enum Geodesic {
    /// WGS84's semi-major axis in metres.
    public static let equatorialRadius = 6_378_137.0
    /// WGS84's flattening.
    public static let flattening = 1 / 298.257223563

    /// PROJ's ellipsoid parameters, set up once and never written again: shared by pointer
    /// (the struct is over 600 bytes, and a copy per distance was a measurable part of a
    /// radius query).
    nonisolated(unsafe) private static let wgs84: UnsafeMutablePointer<geod_geodesic> = {
        let geodesic = UnsafeMutablePointer<geod_geodesic>.allocate(capacity: 1)
        geodesic.initialize(to: geod_geodesic())
        geod_init(geodesic, equatorialRadius, flattening)
        return geodesic
    }()

    /// The geodesic distance in metres between two points.
    public static func distance(from start: Coordinate, to end: Coordinate) -> Double {
        distance(latitude1: start.latitude, longitude1: start.longitude,
                 latitude2: end.latitude, longitude2: end.longitude)
    }

    /// The geodesic distance in metres between two points given as raw degrees (the hot path
    /// of radius queries, which would otherwise build a `Coordinate` per candidate row).
    @inline(__always)
    public static func distance(latitude1: Double, longitude1: Double,
                                latitude2: Double, longitude2: Double) -> Double {
        var metres = 0.0
        geod_inverse(wgs84, latitude1, longitude1, latitude2, longitude2, &metres, nil, nil)
        return metres
    }

    /// The point reached by going `metres` from `start` along the geodesic that leaves it at
    /// `azimuth` degrees clockwise from north. Longitudes come back in -180…180.
    public static func destination(from start: Coordinate, azimuth: Double, metres: Double) -> (latitude: Double, longitude: Double) {
        var latitude = 0.0
        var longitude = 0.0
        geod_direct(wgs84, start.latitude, start.longitude, azimuth, metres, &latitude, &longitude, nil)
        return (latitude, normalisedLongitude(longitude))
    }

    static func normalisedLongitude(_ longitude: Double) -> Double {
        var value = longitude.truncatingRemainder(dividingBy: 360)
        if value > 180 { value -= 360 }
        if value < -180 { value += 360 }
        return value
    }
}
