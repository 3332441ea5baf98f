import Foundation

/// A longitude/latitude box in degrees, as GeoJSON's `bbox` orders it:
/// `minLongitude, minLatitude, maxLongitude, maxLatitude`.
///
/// A box whose `minLongitude` is greater than its `maxLongitude` crosses the antimeridian
/// (`170,-20,-170,-10` spans 20 degrees around ±180), as RFC 7946 §5.2 specifies.
///
/// ```swift
/// let tripoliArea = try BoundingBox(parsing: "12.9,32.6,13.5,33.0")
/// tripoliArea.contains(mitiga)   // true
/// ```
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    public let minLongitude: Double
    public let minLatitude: Double
    public let maxLongitude: Double
    public let maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) throws(BoundingBoxError) {
        for longitude in [minLongitude, maxLongitude] where !(longitude.isFinite && (-180...180).contains(longitude)) {
            throw .outOfRange("longitude \(longitude) is outside -180…180")
        }
        for latitude in [minLatitude, maxLatitude] where !(latitude.isFinite && (-90...90).contains(latitude)) {
            throw .outOfRange("latitude \(latitude) is outside -90…90")
        }
        guard minLatitude <= maxLatitude else {
            throw .outOfRange("the minimum latitude \(minLatitude) is above the maximum \(maxLatitude)")
        }
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// Reads `minLon,minLat,maxLon,maxLat`.
    public init(parsing text: String) throws(BoundingBoxError) {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers.allSatisfy({ $0 != nil }) else { throw .unreadable(text) }
        try self.init(minLongitude: numbers[0]!, minLatitude: numbers[1]!,
                      maxLongitude: numbers[2]!, maxLatitude: numbers[3]!)
    }

    /// True when the box crosses the antimeridian.
    public var crossesAntimeridian: Bool { minLongitude > maxLongitude }

    /// The box as one or two boxes that do not cross the antimeridian.
    public var unwrapped: [BoundingBox] {
        guard crossesAntimeridian else { return [self] }
        return [
            try! BoundingBox(minLongitude: minLongitude, minLatitude: minLatitude, maxLongitude: 180, maxLatitude: maxLatitude),
            try! BoundingBox(minLongitude: -180, minLatitude: minLatitude, maxLongitude: maxLongitude, maxLatitude: maxLatitude),
        ]
    }

    public func contains(_ coordinate: Coordinate) -> Bool {
        guard (minLatitude...maxLatitude).contains(coordinate.latitude) else { return false }
        if crossesAntimeridian {
            return coordinate.longitude >= minLongitude || coordinate.longitude <= maxLongitude
        }
        return (minLongitude...maxLongitude).contains(coordinate.longitude)
    }

    public var description: String { "\(minLongitude),\(minLatitude),\(maxLongitude),\(maxLatitude)" }
}

/// Why a bounding box was refused.
public enum BoundingBoxError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "'\(text)' is not a bounding box: give minLon,minLat,maxLon,maxLat in degrees, e.g. 12.9,32.6,13.5,33.0"
        case .outOfRange(let reason):
            return "bad bounding box: \(reason)"
        }
    }
}
