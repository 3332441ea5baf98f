import Foundation

/// What can go wrong with the incident store, in words that tell the user what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// No database exists at the path and the caller asked not to create one.
    case missingStore(path: String)
    /// The file exists but is not an incidentmap store (or not SQLite at all).
    case notAStore(path: String, reason: String)
    /// SpatiaLite could not be loaded into SQLite.
    case spatiaLiteUnavailable(reason: String)
    /// A database operation failed.
    case database(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingStore(let path):
            return "no incident store at \(path): run `incidentmap ingest FILE` first, or point --db (or INCIDENTMAP_DB) at an existing store"
        case .notAStore(let path, let reason):
            return "\(path) is not an incidentmap store (\(reason)): choose another path with --db"
        case .spatiaLiteUnavailable(let reason):
            return "SpatiaLite could not be loaded (\(reason)): run Scripts/setup, which installs Debian's libsqlite3-mod-spatialite (mod_spatialite)"
        case .database(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
