import Foundation
import IncidentMapCore
import IncidentStorage
import NIOConcurrencyHelpers

/// The PostGIS incident store: the `incidents` table with a `geometry(Point,4326)` column and
/// its GiST index in a PostgreSQL database, which QGIS, GDAL and a team's own SQL reach over
/// the network. It is the `StoreBackend` the commands and the server use when `--db` is a
/// `postgresql://` URL.
///
/// ```swift
/// let store = try PostGISStore(url: "postgresql://analyst@db.example.org:5432/incidents")
/// let summary = try store.ingest { batch in try batch.add(incident) }
/// let hits = try store.incidents(near: mitiga, within: Length(metres: 10_000), limit: nil)
/// ```
///
/// The URL is libpq's: what it leaves out comes from the PG* environment variables
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE` …), and the password
/// from ~/.pgpass (or `PGPASSFILE`). The store keeps a few connections, one per thread that
/// uses it at a time, and creates or migrates its schema when opened.
public final class PostGISStore: StoreBackend {
    /// The URL as given, with any password left out: for messages.
    public let location: String
    private let url: String
    /// Connections not in use. A connection is used by one thread at a time: it is taken from
    /// here under the lock and given back after.
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let isClosed = NIOLockedValueBox(false)
    /// How many idle connections are kept (a server's handlers use a few at once).
    private static let idleLimit = 8

    /// How the store may be opened.
    public enum OpenMode: Sendable {
        /// Create the schema when missing (and PostGIS, where the role may); migrate an older one.
        case createIfMissing
        /// The schema must exist already (for commands that only read).
        case mustExist
    }

    /// Whether `location` names a PostgreSQL server (`postgresql://…` or `postgres://…`) rather
    /// than a file.
    public static func isServerURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Connects to the database at `url` and prepares the schema where `mode` allows.
    public init(url: String, mode: OpenMode = .createIfMissing) throws {
        self.url = url
        location = Self.withoutPassword(url)
        try withConnection { connection in
            let hasStore = try Self.hasStore(connection)
            if !hasStore && mode == .mustExist { throw PostGISStoreError.missingStore(location: location) }
            if hasStore, try PostGISMigrations.isCurrent(connection) { return }
            if try Self.isStandby(connection) { throw PostGISStoreError.readOnlyServer(location: location) }
            // Processes opening a new database at once (several ingests) take turns at creating
            // PostGIS and the schema.
            try connection.execute("SELECT pg_advisory_lock(\(PostGISMigrations.lockKey))")
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(PostGISMigrations.lockKey))") }
            try installPostGIS(connection)
            try PostGISMigrations.migrate(connection)
        }
    }

    /// Whether the database at `url` holds an incidentmap store (false when it cannot be reached).
    public static func storeExists(at url: String) -> Bool {
        guard let connection = try? PostgresConnection(url: url, location: withoutPassword(url)) else { return false }
        return (try? hasStore(connection)) ?? false
    }

    deinit { try? close() }

    /// Closes every idle connection; later calls fail. Closing twice does nothing.
    public func close() throws {
        isClosed.withLockedValue { $0 = true }
        idle.withLockedValue { $0 = [] }
    }

    /// Drops the store's tables (not PostGIS, which other schemas may use) and closes it: for a
    /// store a command created and then stored nothing in.
    public func closeAndDelete() throws {
        _ = try withConnection { connection in
            try connection.execute("DROP TABLE IF EXISTS " + PostGISMigrations.tables.joined(separator: ", "))
        }
        try close()
    }

    // MARK: Connections and transactions

    /// Runs `body` with a connection of the pool (a new one when none is idle).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        guard !isClosed.withLockedValue({ $0 }) else {
            throw PostGISStoreError.database(location: location, reason: "the store is closed", sqlState: nil)
        }
        let connection = try idle.withLockedValue { $0.popLast() } ?? PostgresConnection(url: url, location: location)
        defer {
            // A connection left mid-transaction or broken is dropped, not reused.
            if connection.isHealthy && !isClosed.withLockedValue({ $0 }) {
                idle.withLockedValue { if $0.count < Self.idleLimit { $0.append(connection) } }
            }
        }
        return try body(connection)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// A write refused because the server is a hot standby is reported as such.
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try connection.execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
            do {
                let result = try body(connection)
                try connection.execute("COMMIT")
                return result
            } catch let error as PostGISStoreError where error.isReadOnlyTransaction {
                _ = try? connection.execute("ROLLBACK")
                throw PostGISStoreError.readOnlyServer(location: location)
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    // MARK: Opening

    private static func hasStore(_ connection: PostgresConnection) throws(PostGISStoreError) -> Bool {
        try connection.execute("SELECT to_regclass('incidentmap_migrations') IS NOT NULL").string(0, 0) == "t"
    }

    private static func isStandby(_ connection: PostgresConnection) throws(PostGISStoreError) -> Bool {
        try connection.execute("SELECT pg_is_in_recovery()").string(0, 0) == "t"
    }

    /// Creates the PostGIS extension unless it is there; a role that may not gets the command
    /// an administrator must run.
    private func installPostGIS(_ connection: PostgresConnection) throws {
        let installed = try connection.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").rowCount > 0
        guard !installed else { return }
        do {
            try connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        } catch {
            let database = (try? connection.execute("SELECT current_database()").string(0, 0)) ?? nil
            let reason: String
            if case .database(_, let message, _) = error { reason = message } else { reason = error.description }
            throw PostGISStoreError.postGISMissing(location: location, database: database ?? "the database", reason: reason)
        }
    }

    /// `url` with the password (`user:secret@`) left out.
    static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }
}

/// A connection is used by one thread at a time: the store's pool hands it out under its lock
/// and takes it back after, which the compiler cannot see.
extension PostgresConnection: @unchecked Sendable {}
