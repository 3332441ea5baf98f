import Foundation
import GRDB
import IncidentStorage

/// A new store's first load: where no store exists yet, nothing a user had can be lost, so the
/// load goes into a file of its own under a temporary name beside the path (the same folder,
/// so that renaming it into place is atomic), without a journal and without waiting for the
/// disk; ``finish()`` then gives it the store's usual journal (WAL), syncs it to the disk and
/// puts it in place (unless another process made a store there meanwhile, which is kept), and ``discard()`` (after a failed load) removes it, so that a failed
/// first ingest leaves no file behind.
///
/// ```swift
/// let load = try NewStoreLoad(path: "incidents.sqlite")   // the path must hold no file
/// do {
///     let summary = try load.ingest(expectedRows: 1_000_000) { batch in … }
///     try load.finish()                                    // now a store at the path
/// } catch {
///     load.discard()                                       // nothing at the path, nothing beside it
///     throw error
/// }
/// ```
///
/// What it saves (1M rows of ACLED's 31-column CSV, BENCHMARKS.md "Session 12"): in WAL mode
/// every page of the load is written to the WAL, then read back and written again into the file
/// by the checkpoint, some 700 MB each way in 4 KB calls; here each page is written once.
/// An ingest into an existing store keeps the store's own path (``IncidentStore/ingest(expectedRows:_:)``:
/// WAL, one transaction, nothing stored lost when it fails).
public final class NewStoreLoad {
    /// Where the store will be.
    public let path: String
    /// The file being loaded, beside ``path``; gone after ``finish()`` or ``discard()``.
    public let temporaryPath: String
    /// ``temporaryPath`` and the journal files SQLite may make beside it (a WAL and its index
    /// while ``finish()`` switches the file to WAL): what a signal handler must remove.
    public var temporaryFiles: [String] { ["", "-wal", "-shm", "-journal"].map { temporaryPath + $0 } }
    private var queue: DatabaseQueue?
    /// Whether the file is at ``path`` now (or was removed): nothing left to discard.
    private var isDone = false
    private let spatiaLite = SpatiaLiteLoader()

    /// The load's connection: no rollback journal (the file is thrown away when the load fails,
    /// so there is nothing to roll back to) and no `fsync` per commit (``finish()`` syncs once).
    private static var loadConfiguration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        return configuration
    }

    /// Makes the file, with SpatiaLite's metadata and the store's schema, beside `path`, which
    /// must hold no file. Throws ``StoreError`` as opening a new store would (a folder that
    /// cannot be written, a full disk), before any row is read.
    public init(path: String) throws {
        self.path = path
        temporaryPath = IncidentStore.temporaryPath(for: path, purpose: "loading")
        queue = try IncidentStore.makeSchema(at: temporaryPath, for: path, configuration: Self.loadConfiguration)
    }

    deinit { discard() }

    /// Runs `body` as ``IncidentStore/ingest(expectedRows:_:)`` does, into the new file. After
    /// it throws, the file is of no use: ``discard()`` it.
    public func ingest(expectedRows: Int, _ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
        guard let queue else { preconditionFailure("NewStoreLoad.ingest after finish() or discard()") }
        do {
            return try queue.write { db in
                try spatiaLite.load(into: db)
                return try IncidentStore.ingest(in: db, expectedRows: expectedRows, body)
            }
        } catch let error as DatabaseError {
            throw IncidentStore.storeError(error, path: path)
        }
    }

    /// Makes the loaded file the store at ``path``: its journal set to WAL (what the store's
    /// writer uses, with SQLite's default durability), its bytes synced to the disk, then
    /// put in place and the folder synced, so that the path holds the whole store or
    /// nothing, even across a power cut.
    public func finish() throws {
        guard let queue else { preconditionFailure("NewStoreLoad.finish after finish() or discard()") }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw StoreError.database(path: path, reason: "SQLite could not switch the new store to WAL")
                }
            }
            try queue.close()
            self.queue = nil
            try Self.sync(temporaryPath)
        } catch {
            discard()
            throw IncidentStore.storeError(error, path: path, creating: true)
        }
        let placed: Bool
        do {
            placed = try IncidentStore.place(temporaryPath, at: path)
        } catch {
            discard()
            throw error
        }
        guard placed else {
            discard()
            throw StoreError.createdMeanwhile(path: path)
        }
        isDone = true
        // The new name is durable once the folder's entry is on the disk; the store is complete
        // at its path whether or not this sync succeeds.
        try? Self.sync((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    }

    /// Closes and removes the file (and any journal beside it): after a failed load, or a load
    /// that will not be used. Does nothing after ``finish()``.
    public func discard() {
        guard !isDone else { return }
        isDone = true
        try? queue?.close()
        queue = nil
        try? IncidentStore.removeFiles(of: temporaryPath)
    }

    /// `fsync` of a file or folder (Foundation has no call for a folder's).
    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StoreError.database(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.database(path: path, reason: String(cString: strerror(errno))) }
    }
}
