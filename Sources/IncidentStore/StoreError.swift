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
    /// The store cannot be written (a read-only file system, permissions): commands that only
    /// read still work.
    case readOnly(path: String, reason: String)
    /// The disk holding the store is full; the write that failed changed nothing.
    case diskFull(path: String)
    /// A store made by an older incidentmap, which this one would migrate but cannot write.
    case olderSchemaReadOnly(path: String)
    /// A new store could not be made at the path.
    case cannotCreate(path: String, reason: String)
    /// Another process made a store at the path while this one loaded a new store for it;
    /// that store was kept and nothing of this load was stored.
    case createdMeanwhile(path: String)

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
        case .readOnly(let path, let reason):
            return "\(path) cannot be written (\(reason)): commands that only read (export, near, stats, map, report, and serve, which refuses only POST /articles) still work; to ingest or refresh, copy the store somewhere writable and point --db at the copy"
        case .diskFull(let path):
            return "the disk holding \(path) is full: nothing of this write was stored; free some space (or point --db at a store on another disk) and run the command again"
        case .olderSchemaReadOnly(let path):
            return "\(path) was made by an older incidentmap and must be upgraded, which needs it writable: copy it somewhere writable and run `incidentmap stats --db COPY` once"
        case .cannotCreate(let path, let reason):
            return "cannot create a store at \(path) (\(reason)): choose a folder you may write with --db"
        case .createdMeanwhile(let path):
            return "another process made a store at \(path) while this ingest was loading a new one there: that store was kept and nothing of this ingest was stored; run the same ingest again to add its rows to that store"
        }
    }
}
