import Foundation
import Synchronization
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
    /// The store's connections: a `DatabasePool` (WAL: readers go on while a write runs), or,
    /// for a store this process cannot write, one read-only connection.
    let pool: any DatabaseWriter
    /// Whether the store was opened read-only because its file or folder cannot be written
    /// (a read-only mount, permissions, a full disk): writes then fail with
    /// ``StoreError/readOnly(path:reason:)``. A store of an older schema is then read through a
    /// migrated copy.
    public let isReadOnly: Bool
    private let spatiaLite = SpatiaLiteLoader()
    /// Whether ``close()`` has run: a store is shared between threads (the server's), and two
    /// closes at once must close the pool once.
    private let isClosed = NIOLockedValueBox(false)
    /// The migrated copy an older store that cannot be written is read through, deleted at
    /// ``close()``.
    let temporaryCopy: String?

    /// The database file's path, as the user gave it.
    public var location: String { path }

    /// Why the store refuses writes, in the user's terms, or `nil` when it takes them.
    public var readOnlyReason: String? {
        guard isReadOnly else { return nil }
        if temporaryCopy != nil {
            return "it was made by an older incidentmap and cannot be upgraded in place, because "
                + IncidentStore.whyNotWritable(path) + "; it is read through an upgraded copy"
        }
        return IncidentStore.whyNotWritable(path)
    }

    /// How the store may be opened.
    public enum OpenMode: Sendable {
        /// Create the file and its schema when missing; migrate an older schema.
        case createIfMissing
        /// The store must exist already (for commands that only read). A store that cannot be
        /// written is opened read-only.
        case mustExist
        /// Create the file and its schema when missing, as ``createIfMissing``; but a store
        /// that cannot be written is opened read-only, as ``mustExist`` opens it. What `serve`
        /// does: it answers every read from any store and refuses only the writes.
        case createIfMissingElseRead

        /// Whether a store this process cannot write is opened read-only rather than refused.
        var readsAStoreItCannotWrite: Bool { self != .createIfMissing }
    }

    /// Opens (and where allowed creates) the store at `path`.
    ///
    /// A file that is not an incidentmap store is refused before anything is written to it:
    /// its journal mode, tables and bytes stay as they were. A new store is made beside the
    /// path and renamed into place once its schema is complete, so that a killed process leaves
    /// no half-made store. A store made by an older incidentmap that cannot be written is read
    /// through a migrated copy in the temporary folder, deleted when the store closes.
    public init(path: String, mode: OpenMode = .createIfMissing) throws {
        self.path = path
        let migrations = StoreMigrations.migrator.migrations
        var migrate = false
        var temporaryCopy: String?
        switch StoreFile.probe(path, migrations: migrations) {
        case .foreign(let reason):
            throw StoreError.notAStore(path: path, reason: reason + "; nothing in it was changed")
        case .missing:
            guard mode != .mustExist else { throw StoreError.missingStore(path: path) }
            try IncidentStore.create(at: path)
            pool = try IncidentStore.openWriter(path)
            isReadOnly = false
        case .empty:
            guard mode != .mustExist else { throw StoreError.missingStore(path: path) }
            guard StoreFile.isWritable(path) else { throw StoreError.readOnly(path: path, reason: IncidentStore.whyNotWritable(path)) }
            pool = try IncidentStore.openWriter(path)
            isReadOnly = false
            migrate = true
        case .store(let isCurrent):
            if let writer = try IncidentStore.openWriterIfWritable(path, elseReading: mode.readsAStoreItCannotWrite) {
                pool = writer
                isReadOnly = false
                migrate = !isCurrent
            } else {
                guard mode.readsAStoreItCannotWrite else { throw StoreError.readOnly(path: path, reason: IncidentStore.whyNotWritable(path)) }
                if isCurrent {
                    pool = try IncidentStore.openReader(path)
                } else {
                    let copy = try IncidentStore.migratedCopy(of: path)
                    pool = copy.queue
                    temporaryCopy = copy.path
                }
                isReadOnly = true
            }
        }
        self.temporaryCopy = temporaryCopy
        if migrate {
            do {
                try IncidentStore.prepareSchema(pool, spatiaLite: spatiaLite, path: path)
            } catch {
                try? close()
                throw error as? StoreError ?? IncidentStore.storeError(error, path: path)
            }
        }
    }

    /// Makes a new store at `path`: built under a temporary name in the same folder, then
    /// renamed into place, so that the path holds either nothing or a complete store.
    private static func create(at path: String) throws {
        let building = temporaryPath(for: path, purpose: "creating")
        // One connection in SQLite's default rollback-journal mode, so that the finished file
        // holds everything (no WAL beside it to lose in the rename); the store's writer switches
        // it to WAL when it opens it.
        let builder = try makeSchema(at: building, for: path, configuration: writerConfiguration)
        do {
            try builder.close()
        } catch {
            try? removeFiles(of: building)
            throw storeError(error, path: path, creating: true)
        }
        do {
            // Another process made the store meanwhile: it is used as it is (and may already
            // hold its rows, which a rename over it would lose).
            if try !place(building, at: path) { try? removeFiles(of: building) }
        } catch {
            try? removeFiles(of: building)
            throw error
        }
    }

    /// Gives the finished file `building` the name `path` unless a file got there while it was
    /// made (another process making the same new store), and says whether it did; `building`
    /// is left as it is when not. `rename` would replace that file and lose what it holds, so
    /// the file is linked at the path, which fails when the path is taken, then its temporary
    /// name removed. On a file system without hard links (some network and FUSE mounts) the
    /// path is checked and the file renamed: a window of microseconds instead of the whole
    /// build's. Throws ``StoreError/cannotCreate(path:reason:)`` when neither can be done.
    static func place(_ building: String, at path: String) throws -> Bool {
        if link(building, path) == 0 {
            unlink(building)
            return true
        }
        let linkError = errno
        if linkError == EEXIST || access(path, F_OK) == 0 { return false }
        var failure = linkError
        if [EPERM, EOPNOTSUPP, ENOSYS, EXDEV, EMLINK].contains(linkError) {
            if rename(building, path) == 0 { return true }
            failure = errno
        }
        throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(failure)))
    }

    /// A hidden name beside `path` (same folder, so that renaming it into place is atomic) for a
    /// store being made: `.NAME.PURPOSE-PID-N`, N counting the names this process asked for, so
    /// that two stores made at once (two loads into one new path, in tests) never share a file.
    static func temporaryPath(for path: String, purpose: String) -> String {
        let url = URL(fileURLWithPath: path)
        let n = temporaryNames.add(1, ordering: .relaxed).newValue
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(purpose)-\(getpid())-\(n)").path
    }

    private static let temporaryNames = Atomic<Int>(0)

    /// Creates the database `building` with SpatiaLite's metadata and the store's schema, opened
    /// with `configuration`, for the store that will be at `path` (named in errors). On
    /// failure nothing is left at `building`.
    static func makeSchema(at building: String, for path: String, configuration: Configuration) throws -> DatabaseQueue {
        let builder: DatabaseQueue
        do {
            builder = try DatabaseQueue(path: building, configuration: configuration)
        } catch {
            try? removeFiles(of: building)
            throw storeError(error, path: path, creating: true)
        }
        do {
            try prepareSchema(builder, spatiaLite: SpatiaLiteLoader(), path: path)
            return builder
        } catch {
            try? builder.close()
            try? removeFiles(of: building)
            throw error as? StoreError ?? storeError(error, path: path, creating: true)
        }
    }

    private static var writerConfiguration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// The store's writer (a `DatabasePool` in WAL mode).
    private static func openWriter(_ path: String) throws(StoreError) -> DatabasePool {
        do {
            return try DatabasePool(path: path, configuration: writerConfiguration)
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// The writer of an existing store, or `nil` when this process cannot write it (a read-only
    /// file system or permissions, or a full disk, where SQLite cannot create the shared-memory
    /// file a writer needs) and `elseReading` lets the caller read it instead.
    private static func openWriterIfWritable(_ path: String, elseReading: Bool) throws(StoreError) -> DatabasePool? {
        guard StoreFile.isWritable(path) else { return nil }
        do {
            return try openWriter(path)
        } catch {
            switch error {
            case .diskFull, .readOnly: if elseReading { return nil } else { throw error }
            default: throw error
            }
        }
    }

    /// A store made by an older incidentmap that this process cannot write, copied into the
    /// temporary folder with SQLite's backup API and migrated there, to be read (never written:
    /// what would be stored in it would be lost). Copying takes about as long as reading the
    /// store once; a store too large for the temporary folder is refused with the advice of
    /// ``StoreError/olderSchemaReadOnly(path:)``.
    ///
    /// It is the one way an older store is read, whatever its version (`OlderStoreReadingTests`
    /// reads each). A temporary view that gave the columns added since as NULL read stores of
    /// versions 2 to 5 in place, but no radius query ran through it (SQLite's `INDEXED BY`
    /// cannot name a view's index, and version 2 has no point index at all), and it could not
    /// read version 1, which has no gazetteer tables: the copy it saved was not worth a second
    /// mechanism that served part of the queries of part of the versions.
    private static func migratedCopy(of path: String) throws -> (queue: DatabaseQueue, path: String) {
        let copyPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("incidentmap-migrated-\(getpid())-\(UUID().uuidString).sqlite").path
        do {
            let source = try openReader(path)
            defer { try? source.close() }
            let copy = try DatabaseQueue(path: copyPath, configuration: writerConfiguration)
            do {
                try source.backup(to: copy)
                try prepareSchema(copy, spatiaLite: SpatiaLiteLoader(), path: copyPath)
            } catch {
                try? copy.close()
                throw error
            }
            return (copy, copyPath)
        } catch {
            try? removeFiles(of: copyPath)
            throw StoreError.olderSchemaReadOnly(path: path)
        }
    }

    /// Deletes the database at `path` and the journal, WAL and shared-memory files beside it.
    static func removeFiles(of path: String) throws {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    /// One read-only connection to a store this process cannot write: through the usual
    /// read-only open where SQLite can create its shared-memory file beside the store, else as
    /// an immutable file (a read-only mount, a full disk).
    private static func openReader(_ path: String) throws -> DatabaseQueue {
        do {
            return try StoreFile.readOnlyQueue(path, immutable: !StoreFile.isWritable((path as NSString).deletingLastPathComponent + "/."))
        } catch let error as StoreError {
            throw error
        } catch {
            do {
                return try StoreFile.readOnlyQueue(path, immutable: true)
            } catch {
                throw storeError(error, path: path)
            }
        }
    }

    /// Why the store at `path` cannot be written, in the user's terms.
    static func whyNotWritable(_ path: String) -> String {
        var status = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        if statvfs(folder.isEmpty ? "." : folder, &status) == 0, status.f_flag & UInt(ST_RDONLY) != 0 {
            return "it is on a read-only file system"
        }
        if StoreFile.isOnFullDisk(path) { return "its disk is full" }
        if access(path, W_OK) != 0 { return "this user may not write the file" }
        return "this user may not create files in its folder (SQLite writes its journal beside the store)"
    }

    /// A SQLite error while opening or writing, as a ``StoreError`` that says what happened.
    static func storeError(_ error: any Error, path: String, creating: Bool = false) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let databaseError = error as? DatabaseError else {
            return .database(path: path, reason: String(describing: error))
        }
        switch databaseError.resultCode {
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return .readOnly(path: path, reason: whyNotWritable(path))
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            if StoreFile.isOnFullDisk(path) { return .diskFull(path: path) }
            if creating { return .cannotCreate(path: path, reason: reason(error)) }
            if !StoreFile.isWritable(path) { return .readOnly(path: path, reason: whyNotWritable(path)) }
            return .database(path: path, reason: reason(error))
        case .SQLITE_NOTADB:
            return .notAStore(path: path, reason: "it is not a SQLite database; nothing in it was changed")
        default:
            return .database(path: path, reason: reason(error))
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
        defer { if let temporaryCopy { try? IncidentStore.removeFiles(of: temporaryCopy) } }
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
        try IncidentStore.removeFiles(of: path)
    }

    /// Runs `body` in a write transaction, with SpatiaLite loaded into the writer: the
    /// table's triggers and `MakePoint` are SpatiaLite's. Everything the store writes goes
    /// through here.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: path, reason: IncidentStore.whyNotWritable(path)) }
        do {
            let result = try pool.write { db in
                try spatiaLite.load(into: db)
                return try body(db)
            }
            // What was written is copied from the WAL into the store file itself, without
            // waiting for readers: a command ends with its work in the .sqlite file, so that a
            // user who copies or mails that one file has everything it stored.
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            return result
        } catch let error as DatabaseError {
            throw IncidentStore.storeError(error, path: path)
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

    /// Gives an empty database SpatiaLite's metadata and runs the migrations this build knows
    /// that have not run. Called only on a file that is ours (or empty).
    private static func prepareSchema(_ pool: any DatabaseWriter, spatiaLite: SpatiaLiteLoader, path: String) throws {
        let hasMetadata = try pool.read { db in try SpatialSQL.hasSpatialMetadata(db) }
        if !hasMetadata {
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
