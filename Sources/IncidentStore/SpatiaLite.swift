import CSpatiaLite
import Foundation
import GRDB

/// Loads SpatiaLite into every SQLite connection the store opens.
///
/// SpatiaLite keeps a per-connection cache that must outlive the connection and be freed
/// after it closes; GRDB has no close hook, so the caches are kept here and freed by
/// ``IncidentStore/close()`` once the pool's connections are closed.
final class SpatiaLiteConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var caches: [UnsafeMutableRawPointer] = []

    /// Installs SpatiaLite's SQL functions on `db`'s connection.
    func load(into db: Database) {
        guard let cache = spatialite_alloc_connection() else { return }
        spatialite_init_ex(db.sqliteConnection, cache, 0)
        lock.withLock { caches.append(cache) }
    }

    /// Frees every cache. Call only after all connections that used them are closed.
    func releaseAll() {
        let released = lock.withLock { () -> [UnsafeMutableRawPointer] in
            defer { caches.removeAll() }
            return caches
        }
        for cache in released { spatialite_cleanup_ex(cache) }
    }
}
