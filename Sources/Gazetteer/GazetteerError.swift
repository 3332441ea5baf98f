import Foundation

/// What can be wrong with gazetteer data, in words that say where and what to fix.
public enum GazetteerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A line of a place file or a GeoNames dump is wrong.
    case badLine(file: String, line: Int, reason: String)
    /// A file could not be read at all.
    case unreadable(file: String, reason: String)
    /// A user named a place the gazetteer does not know.
    case noPlaceNamed(String, suggestions: [String])

    /// The error for a `location` that is an `http(s)` URL, which the readers of this module do
    /// not fetch (`GazetteerDownload` does); `nil` for a path or a `file://` URL.
    static func remoteLocation(_ location: String) -> GazetteerError? {
        guard let scheme = URL(string: location)?.scheme?.lowercased(), ["http", "https"].contains(scheme) else { return nil }
        return .unreadable(file: location, reason: "a URL, and only local files are read here: download it first "
                           + "(curl -o FILE URL), or give the URL to `incidentmap gazetteer refresh`, which downloads it")
    }

    public var description: String {
        switch self {
        case .badLine(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .unreadable(let file, let reason): return "\(file): \(reason)"
        case .noPlaceNamed(let name, let suggestions):
            return "no place named '\(name)' in the gazetteer"
                + (suggestions.isEmpty ? "" : " (did you mean: \(suggestions.joined(separator: ", "))?)")
                + ": give a name `incidentmap gazetteer search` finds, or LAT,LON"
        }
    }
}
