import Foundation
import GRDB

/// What the file `--db` names is, found by reading it without changing a byte of it: before
/// the store opens a writer (which would switch a foreign database to WAL) or runs a migration
/// (which would add tables to it), it must know the file is its own.
enum StoreFile: Equatable {
    /// Nothing at the path.
    case missing
    /// A SQLite database with no tables (or an empty file): a store may be made in it.
    case empty
    /// An incidentmap store; `isCurrent` when every migration this build knows has run.
    case store(isCurrent: Bool)
    /// Something else, described for the user.
    case foreign(String)

    /// Reads the file at `path` read-only. A database on a read-only or full file system, in
    /// WAL mode, cannot be opened the usual way (SQLite needs to create its shared-memory
    /// file): it is then read as immutable, which is what it is to this process.
    static func probe(_ path: String, migrations: [String]) -> StoreFile {
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 { return .empty }
        do {
            return try read(path, immutable: false, migrations: migrations)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .foreign("it is not a SQLite database")
        } catch {
            do {
                return try read(path, immutable: true, migrations: migrations)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                return .foreign("it is not a SQLite database")
            } catch {
                return .foreign("it cannot be read: \(IncidentStore.reason(error))")
            }
        }
    }

    private static func read(_ path: String, immutable: Bool, migrations: [String]) throws -> StoreFile {
        let queue = try readOnlyQueue(path, immutable: immutable)
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if tables.isEmpty { return .empty }
            guard tables.contains("grdb_migrations"), tables.contains("incidents"),
                  let first = migrations.first else {
                return .foreign(describe(tables))
            }
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            guard applied.contains(first) else { return .foreign(describe(tables)) }
            return .store(isCurrent: migrations.allSatisfy(applied.contains))
        }
    }

    /// A read-only connection to `path`; `immutable` for a file that no process can change now
    /// (SQLite then takes no locks and needs no shared-memory file beside it).
    static func readOnlyQueue(_ path: String, immutable: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: configuration)
    }

    /// The URI that opens `path` as immutable (SQLite's `immutable=1` query parameter; Debian's
    /// SQLite reads file names as URIs).
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + escaped + "?immutable=1"
    }

    private static func describe(_ tables: [String]) -> String {
        let shown = tables.prefix(4).joined(separator: ", ") + (tables.count > 4 ? " …" : "")
        return "it holds tables (\(shown)) but not an incidentmap store's"
    }

    /// Whether this process may change the file at `path` and create files beside it (SQLite's
    /// WAL and shared-memory files): false on a read-only file system or without permission.
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// Whether the file system holding `path` has no space left for an unprivileged write.
    static func isOnFullDisk(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        var status = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &status) == 0 else { return false }
        return status.f_bavail == 0
    }
}
