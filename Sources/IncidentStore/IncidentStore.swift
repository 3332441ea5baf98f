import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import NIOConcurrencyHelpers

/// The SpatiaLite incident store: a database file holding the `incidents` table with a
/// registered `POINT` geometry in EPSG:4326 and its spatial index, which QGIS and GDAL open as a
/// layer as it is. It is the `StoreBackend` the commands and the server use.
///
/// ```swift
/// let store = try IncidentStore(path: "incidents.sqlite")
/// let summary = try store.ingest { batch in try batch.add(incident) }
/// let hits = try store.incidents(near: mitiga, within: Length(metres: 10_000))
/// ```
///
/// The store owns its connections (a GRDB `DatabasePool` in WAL mode, so readers keep working
/// while a write is under way) and its migrations.
public final class IncidentStore: StoreBackend {
    /// The database file's path.
    public let path: String
    let pool: DatabasePool
    private let spatiaLite = SpatiaLiteLoader()
    /// Whether ``close()`` has run: a store is shared between threads (the server's), and two
    /// closes at once must close the pool once.
    private let isClosed = NIOLockedValueBox(false)

    /// The database file's path, as the user gave it.
    public var location: String { path }

    /// How the store may be opened.
    public enum OpenMode: Sendable {
        /// Create the file and its schema when missing; migrate an older schema.
        case createIfMissing
        /// The store must exist already (for commands that only read).
        case mustExist
    }

    /// Opens (and where allowed creates) the store at `path`.
    public init(path: String, mode: OpenMode = .createIfMissing) throws {
        self.path = path
        let fileExists = FileManager.default.fileExists(atPath: path)
        if mode == .mustExist && !fileExists {
            throw StoreError.missingStore(path: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.notAStore(path: path, reason: IncidentStore.reason(error))
        }
        do {
            try prepareSchema()
        } catch {
            // A file this call created is no store: leave nothing behind.
            if fileExists { try? close() } else { try? closeAndDelete() }
            throw error as? StoreError ?? StoreError.notAStore(path: path, reason: IncidentStore.reason(error))
        }
    }

    deinit {
        try? close()
    }

    /// Closes every connection (SpatiaLite frees its per-connection state as each closes).
    public func close() throws {
        let wasClosed = isClosed.withLockedValue { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        try pool.close()
    }

    /// Closes the store and deletes its files: the database and the WAL and shared-memory
    /// files beside it. For a store a command created and then stored nothing in, so that a
    /// failed first ingest leaves no empty database behind.
    ///
    /// ```swift
    /// let existed = FileManager.default.fileExists(atPath: path)
    /// let store = try IncidentStore(path: path)
    /// … // every file failed
    /// if !existed { try store.closeAndDelete() }
    /// ```
    public func closeAndDelete() throws {
        try close()
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    /// Runs `body` in a write transaction, with SpatiaLite loaded into the writer: the
    /// table's triggers and `MakePoint` are SpatiaLite's. Everything the store writes goes
    /// through here.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write { db in
            try spatiaLite.load(into: db)
            return try body(db)
        }
    }

    /// Runs `body` on a reader with SpatiaLite loaded, for SpatiaLite's own SQL (`ST_Distance`,
    /// `X(geom)` …). The store's queries read plain columns and need no SpatiaLite.
    func readWithSpatiaLite<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read { db in
            try spatiaLite.load(into: db)
            return try body(db)
        }
    }

    private func prepareSchema() throws {
        let hasMetadata = try pool.read { db in try SpatialSQL.hasSpatialMetadata(db) }
        if !hasMetadata {
            let hasOtherTables = try pool.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            }
            if hasOtherTables > 0 {
                throw StoreError.notAStore(path: path, reason: "it holds tables but no SpatiaLite metadata")
            }
            try pool.writeWithoutTransaction { db in
                try spatiaLite.load(into: db)
                try SpatialSQL.initialiseMetadata(db)
            }
        }
        // A store whose schema is current is opened without loading SpatiaLite at all.
        let migrator = StoreMigrations.migrator
        if try !pool.read({ db in try migrator.hasCompletedMigrations(db) }) {
            try pool.writeWithoutTransaction { db in try spatiaLite.load(into: db) }
            try migrator.migrate(pool)
        }
    }

    static func reason(_ error: any Error) -> String {
        if let databaseError = error as? DatabaseError {
            return databaseError.message ?? databaseError.description
        }
        return String(describing: error)
    }
}
