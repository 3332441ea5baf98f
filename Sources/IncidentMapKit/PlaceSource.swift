import Foundation
import Gazetteer
import IncidentMapCore

/// A file of places from outside: a GeoNames country dump (`LY.txt`, `LY.zip`) or an
/// OpenStreetMap Overpass answer in `[out:json]`, for `gazetteer refresh` and `convert`.
///
/// ```swift
/// let places = try PlaceSource.openStreetMap("libya-places.json").places { note in print(note) }
/// ```
public enum PlaceSource: Hashable, Sendable {
    case geoNames(String)
    case openStreetMap(String)

    /// The file (or URL) as given.
    public var location: String {
        switch self {
        case .geoNames(let location), .openStreetMap(let location): return location
        }
    }

    /// The same kind of source at another location (the downloaded copy of a URL).
    func at(_ location: String) -> PlaceSource {
        switch self {
        case .geoNames: return .geoNames(location)
        case .openStreetMap: return .openStreetMap(location)
        }
    }

    /// Reads the places; `note` hears what was skipped, for the user.
    public func places(note: (String) -> Void = { _ in }) throws(GazetteerError) -> [Place] {
        switch self {
        case .geoNames(let file):
            return try GeoNamesDump.places(from: file, districts: Gazetteer.districts())
        case .openStreetMap(let file):
            let answer = try OverpassPlaces.read(contentsOf: file)
            let skipped = answer.unnamed + answer.otherKinds
            if skipped > 0 {
                note("\(file): \(answer.places.count) places read; skipped \(answer.unnamed) element(s) with no usable Arabic or Latin name and \(answer.otherKinds) of kinds incidentmap does not keep")
            }
            guard !answer.places.isEmpty else {
                throw .unreadable(file: file, reason: "no places in the answer: is it an Overpass answer in [out:json]?")
            }
            return answer.places
        }
    }
}
