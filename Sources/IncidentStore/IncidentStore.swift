import Foundation
import GRDB
import IncidentMapCore

/// The incident store: a SpatiaLite database file holding the `incidents` table with a
/// registered `POINT` geometry in EPSG:4326 and its spatial index, which QGIS and GDAL open as a
/// layer as it is.
///
/// ```swift
/// let store = try IncidentStore(path: "incidents.sqlite")
/// let summary = try store.ingest { batch in try batch.add(incident) }
/// let hits = try store.incidents(near: mitiga, within: Length(metres: 10_000))
/// ```
///
/// The store owns its connections (a GRDB `DatabasePool` in WAL mode, so readers keep working
/// while a write is under way) and its migrations.
public final class IncidentStore: @unchecked Sendable {
    /// The database file's path.
    public let path: String
    let pool: DatabasePool
    private let spatiaLite: SpatiaLiteConnections
    private var isClosed = false

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
        let connections = SpatiaLiteConnections()
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            connections.load(into: db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            connections.releaseAll()
            throw StoreError.notAStore(path: path, reason: IncidentStore.reason(error))
        }
        spatiaLite = connections
        do {
            try prepareSchema()
        } catch let error as StoreError {
            try? close()
            throw error
        } catch {
            try? close()
            throw StoreError.notAStore(path: path, reason: IncidentStore.reason(error))
        }
    }

    deinit {
        try? close()
    }

    /// Closes every connection and frees SpatiaLite's per-connection state.
    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        try pool.close()
        spatiaLite.releaseAll()
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
            try pool.writeWithoutTransaction { db in try SpatialSQL.initialiseMetadata(db) }
        }
        try StoreMigrations.migrator.migrate(pool)
    }

    static func reason(_ error: any Error) -> String {
        if let databaseError = error as? DatabaseError {
            return databaseError.message ?? databaseError.description
        }
        return String(describing: error)
    }
}
