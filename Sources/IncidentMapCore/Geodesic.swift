import CProj
import Foundation

/// Distances and positions on the WGS84 ellipsoid, by Karney's algorithms as PROJ ships them
/// (`geodesic.h`): accurate to nanometres, the same figures as GeographicLib and SpatiaLite's
/// `ST_Distance(a, b, 1)`.
///
/// ```swift
/// let tripoli = try Coordinate(latitude: 32.88743, longitude: 13.18733)   // the gazetteer's Tripoli
/// let mitiga = try Coordinate(latitude: 32.8942, longitude: 13.2761)
/// let metres = Geodesic.distance(from: tripoli, to: mitiga)   // ≈ 8339.91, as ST_Distance(a, b, 1) gives
/// ```
public enum Geodesic {
    /// WGS84's semi-major axis in metres.
    public static let equatorialRadius = 6_378_137.0
    /// WGS84's flattening.
    public static let flattening = 1 / 298.257223563

    /// PROJ's geodesic functions and its WGS84 ellipsoid, opened and set up at the first
    /// distance and never written again.
    nonisolated(unsafe) private static let proj = GeodesicLibrary.open()

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
        proj.inverse(proj.wgs84, latitude1, longitude1, latitude2, longitude2, &metres, nil, nil)
        return metres
    }

    /// Whether two points are less than `metres` apart. Points whose latitudes or longitudes
    /// alone are further apart than that are answered without the ellipsoid (a degree of
    /// latitude is at least 110.5 km; a degree of longitude at least 111.3 km times the
    /// cosine of the larger latitude): the text stages ask this for many pairs that are
    /// hundreds of kilometres apart.
    public static func isWithin(_ metres: Double, from start: Coordinate, to end: Coordinate) -> Bool {
        if abs(start.latitude - end.latitude) * 110_500 > metres { return false }
        let larger = min(89.0, max(abs(start.latitude), abs(end.latitude)))
        var longitudes = abs(start.longitude - end.longitude)
        if longitudes > 180 { longitudes = 360 - longitudes }
        if longitudes * 111_300 * cos(larger * .pi / 180) > metres { return false }
        // Points plainly closer are answered without it too: along the meridian, then along the
        // parallel of the latitude nearer the equator, is a path between them, and a degree of
        // either is at most 111.7 km (times that latitude's cosine for the parallel), so that
        // path's length bounds the geodesic from above.
        let smaller = min(abs(start.latitude), abs(end.latitude))
        if abs(start.latitude - end.latitude) * 111_700 + longitudes * 111_700 * cos(smaller * .pi / 180) < metres { return true }
        return distance(from: start, to: end) < metres
    }

    /// The point reached by going `metres` from `start` along the geodesic that leaves it at
    /// `azimuth` degrees clockwise from north. Longitudes come back in -180…180.
    public static func destination(from start: Coordinate, azimuth: Double, metres: Double) -> (latitude: Double, longitude: Double) {
        var latitude = 0.0
        var longitude = 0.0
        proj.direct(proj.wgs84, start.latitude, start.longitude, azimuth, metres, &latitude, &longitude, nil)
        return (latitude, normalisedLongitude(longitude))
    }

    static func normalisedLongitude(_ longitude: Double) -> Double {
        var value = longitude.truncatingRemainder(dividingBy: 360)
        if value > 180 { value -= 360 }
        if value < -180 { value += 360 }
        return value
    }
}

/// PROJ's `geod_init`, `geod_inverse` and `geod_direct`, found in the library at run time.
///
/// Opened, not linked: linked, PROJ and what it depends on (curl, GnuTLS, libtiff, SQLite for
/// its own database) were loaded and relocated by every command at start, 10.7 MB of memory,
/// though only radius queries and the map measure distances. Swift cannot call a C function
/// found by `dlsym` except through a pointer of its exact C type, hence the types below,
/// spelled as `geodesic.h` declares them.
private struct GeodesicLibrary {
    typealias Initialise = @convention(c) (UnsafeMutablePointer<geod_geodesic>?, Double, Double) -> Void
    typealias Inverse = @convention(c) (UnsafePointer<geod_geodesic>?, Double, Double, Double, Double,
                                        UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                        UnsafeMutablePointer<Double>?) -> Void
    typealias Direct = @convention(c) (UnsafePointer<geod_geodesic>?, Double, Double, Double, Double,
                                       UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                       UnsafeMutablePointer<Double>?) -> Void

    let inverse: Inverse
    let direct: Direct
    /// The WGS84 ellipsoid's parameters, shared by pointer: the struct is over 600 bytes, and
    /// a copy per distance was a measurable part of a radius query.
    let wgs84: UnsafePointer<geod_geodesic>

    /// The library's names: the development link Scripts/setup installs, then Debian 12's
    /// run-time library.
    static let names = ["libproj.so", "libproj.so.25"]

    static func open() -> GeodesicLibrary {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            fatalError("incidentmap: PROJ's library (\(names.joined(separator: " or "))) cannot be opened: install Debian's libproj-dev (Scripts/setup does)")
        }
        func function<T>(_ name: String, as type: T.Type) -> T {
            guard let symbol = dlsym(handle, name) else {
                fatalError("incidentmap: PROJ's library has no \(name): install Debian's libproj-dev (Scripts/setup does)")
            }
            return unsafeBitCast(symbol, to: type)
        }
        let initialise = function("geod_init", as: Initialise.self)
        let geodesic = UnsafeMutablePointer<geod_geodesic>.allocate(capacity: 1)
        geodesic.initialize(to: geod_geodesic())
        initialise(geodesic, Geodesic.equatorialRadius, Geodesic.flattening)
        return GeodesicLibrary(inverse: function("geod_inverse", as: Inverse.self),
                               direct: function("geod_direct", as: Direct.self),
                               wgs84: UnsafePointer(geodesic))
    }
}
