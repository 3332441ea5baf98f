import CSQLite
import Foundation
import GRDB
import NIOConcurrencyHelpers

/// Loads SpatiaLite into the store's connections that run spatial SQL, once each, as the SQLite
/// extension `mod_spatialite` (Debian's libsqlite3-mod-spatialite), the way GDAL and QGIS load
/// it.
///
/// Loaded on demand, not linked: linking libspatialite brought it, PROJ, GEOS, libxml2 and
/// their TLS and image libraries into every command at start, 13 MB of memory before any work,
/// while exports, statistics and radius queries read plain columns and SQLite's own R*Tree.
/// Writes need it (the table's triggers and `MakePoint` are SpatiaLite's), so the store loads
/// it into its writer before each write, and into a reader only for SpatiaLite's own SQL.
final class SpatiaLiteLoader: Sendable {
    /// The connections SpatiaLite was loaded into (it registers its functions once per
    /// connection; the pool keeps its connections until it closes).
    private let loaded = NIOLockedValueBox(Set<UInt>())

    /// Makes SpatiaLite's SQL functions and virtual tables available on `db`'s connection.
    func load(into db: Database) throws {
        guard let connection = db.sqliteConnection else { return }
        let key = UInt(bitPattern: connection)
        guard !loaded.withLockedValue({ $0.contains(key) }) else { return }
        // Extension loading is switched on for this one call only, so that SQL cannot load
        // another library through `load_extension()`.
        sqlite3_enable_load_extension(connection, 1)
        defer { sqlite3_enable_load_extension(connection, 0) }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_load_extension(connection, "mod_spatialite", nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let reason = message.map { String(cString: $0) } ?? "SQLite error \(code)"
            throw StoreError.spatiaLiteUnavailable(reason: "cannot load mod_spatialite: \(reason)")
        }
        loaded.withLockedValue { _ = $0.insert(key) }
    }
}
