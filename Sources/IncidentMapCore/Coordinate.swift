import Foundation

/// A point on the WGS84 ellipsoid in decimal degrees (EPSG:4326).
///
/// ```swift
/// let mitiga = try Coordinate(latitude: 32.8942, longitude: 13.2761)
/// ```
public struct Coordinate: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    /// Makes a coordinate, rejecting latitudes outside ±90, longitudes outside ±180 and
    /// values that are not finite numbers.
    public init(latitude: Double, longitude: Double) throws(CoordinateError) {
        guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
            throw .latitudeOutOfRange(latitude)
        }
        guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
            throw .longitudeOutOfRange(longitude)
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Reads "LAT,LON" (as typed on a command line: `32.89,13.28`).
    public init(parsing text: String) throws(CoordinateError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let latitude = Double(decimal: parts[0]), let longitude = Double(decimal: parts[1]) else {
            throw .notACoordinatePair(text)
        }
        try self.init(latitude: latitude, longitude: longitude)
    }
}

/// Why a coordinate was refused.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    case latitudeOutOfRange(Double)
    case longitudeOutOfRange(Double)
    case notACoordinatePair(String)

    public var description: String {
        switch self {
        case .latitudeOutOfRange(let value):
            return "latitude \(value) is outside -90…90: check that latitude and longitude are not swapped"
        case .longitudeOutOfRange(let value):
            return "longitude \(value) is outside -180…180"
        case .notACoordinatePair(let text):
            return "'\(text)' is not a coordinate: give LAT,LON in decimal degrees, e.g. 32.8942,13.2761"
        }
    }
}
