import Foundation
import IncidentStorage
import IncidentStore
import PostGISStore

/// Where the store is, as the user names it: `--db PATH` or `--db postgresql://…`, else
/// `$INCIDENTMAP_DB`, else `incidents.sqlite` in the working directory. Opening it picks the
/// backend: a `postgresql://` (or `postgres://`) URL opens a PostGIS store, anything else a
/// SpatiaLite file.
///
/// ```swift
/// let location = StoreLocation(option: db)
/// let store = try location.open(.mustExist)
/// ```
public struct StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path (or the server URL) as given.
    public var path: String

    /// How a store may be opened.
    public enum OpenMode: Sendable {
        /// Create it, with its schema, when missing; migrate an older schema.
        case createIfMissing
        /// It must exist already (for commands that only read).
        case mustExist
        /// Create it when missing; open one this process cannot write (a read-only file, mount
        /// or server) for reading only, so that its writes are refused one by one: `serve`.
        case createIfMissingElseRead
    }

    /// The store at `path`.
    public init(_ path: String) { self.path = path }

    /// The location a command's `--db` option names, else the environment's, else the default.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let option {
            path = option
        } else if let fromEnvironment = environment["INCIDENTMAP_DB"], !fromEnvironment.isEmpty {
            path = fromEnvironment
        } else {
            path = "incidents.sqlite"
        }
    }

    /// Whether the location is a PostgreSQL server's URL (a PostGIS store).
    public var isServer: Bool { PostGISStore.isServerURL(path) }

    /// Whether a store is there already (so that one a failed command created can be removed).
    public var exists: Bool {
        isServer ? PostGISStore.storeExists(at: path) : FileManager.default.fileExists(atPath: path)
    }

    /// Opens the store, creating it where `mode` allows.
    public func open(_ mode: OpenMode) throws -> any StoreBackend {
        if isServer {
            // A current store on a hot standby opens either way, and refuses writes as they come.
            return try PostGISStore(url: path, mode: mode == .mustExist ? .mustExist : .createIfMissing)
        }
        switch mode {
        case .createIfMissing: return try IncidentStore(path: path, mode: .createIfMissing)
        case .mustExist: return try IncidentStore(path: path, mode: .mustExist)
        case .createIfMissingElseRead: return try IncidentStore(path: path, mode: .createIfMissingElseRead)
        }
    }

    public var description: String { path }
}
