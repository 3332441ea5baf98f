import Extraction
import GazetteerDownload
import IncidentImport
import IncidentMapCore
import IncidentStorage
import IncidentStore

/// `ingest`: files of incident rows (ACLED-style JSON Lines, CSV, Excel sheets or API answers,
/// GDELT event exports) and of articles (extracted, then stored), each file in one transaction. A bad file stores nothing
/// of itself and keeps what the others stored; with ``Request/skipBadRows`` the good rows of an
/// incident file are stored and the bad ones counted (and written to ``Request/rejectsPath``).
/// A store the ingest created is removed again when every file failed.
///
/// ```swift
/// let report = try IngestFiles(location: StoreLocation(option: nil))
///     .run(IngestFiles.Request(files: ["acled.csv"])) { event in print(event) }
/// if let failure = report.failure { throw failure }
/// ```
public struct IngestFiles: Sendable {
    /// What to ingest, and how.
    public struct Request: Sendable {
        /// Files of incident rows or of articles, each told by its columns.
        public var files: [String]
        /// What articles take where their own record says nothing (publication date, source, URL).
        public var articleDefaults: ArticleReader.ArticleDefaults
        /// Store the good rows of an incident file and skip the bad ones.
        public var skipBadRows: Bool
        /// With ``skipBadRows``: the CSV file each skipped row is written to.
        public var rejectsPath: String?
        /// Which rows of GDELT event exports are kept (`--keep-country-level`, `--country`).
        public var gdelt: GDELTOptions

        public init(files: [String], articleDefaults: ArticleReader.ArticleDefaults = .init(),
                    skipBadRows: Bool = false, rejectsPath: String? = nil, gdelt: GDELTOptions = GDELTOptions()) {
            self.files = files
            self.articleDefaults = articleDefaults
            self.skipBadRows = skipBadRows
            self.rejectsPath = rejectsPath
            self.gdelt = gdelt
        }
    }

    /// What happens as the files are read, in order, for the user to see.
    public enum Event {
        /// How far `file` has been read: bytes of `totalBytes` (0 where unknown), and items read.
        case progress(file: String, bytesRead: Int64, totalBytes: Int64, items: Int)
        /// A bad row skipped, where no rejects file keeps it (the first ``IngestFiles/skippedRowsShown`` of each file).
        case rowSkipped(file: String, line: Int, reason: String)
        /// `file` is stored.
        case stored(FileReport)
        /// `file` failed, and nothing of it was stored.
        case failed(file: String, error: any Error)
        /// The store the ingest created was removed again, as every file failed.
        case storeRemoved(StoreLocation)
    }

    /// What one file added.
    public struct FileReport: Sendable, CustomStringConvertible {
        public enum Content: Sendable {
            /// Incident rows; `rejected` bad rows skipped (with ``Request/skipBadRows``); for a
            /// GDELT export, what its rows became (kept, and skipped by reason).
            case incidents(rejected: Int, gdelt: GDELTSummary?)
            /// Articles, and the incidents found in them whose date is unknown (not stored).
            case articles(count: Int, undated: [ExtractedIncident])
        }

        public var file: String
        public var summary: IngestSummary
        public var content: Content
        /// Rows of ACLED's monadic layout folded into the event an earlier row began (one row
        /// per actor: the second actor becomes `actor2`).
        public var foldedRows = 0
        /// Rows left out because they repeated the `event_id_cnty` of the rows just before
        /// them with other values (the first is stored).
        public var repeatedRows = 0
        var skipBadRows: Bool
        var rejectsPath: String?

        /// The line `ingest` prints for the file.
        public var description: String {
            switch content {
            case .incidents(let rejected, _):
                var line = "\(file): \(summary.added) added, \(summary.alreadyPresent) already in the store"
                if foldedRows > 0 { line += ", \(foldedRows) row(s) of ACLED's monadic layout folded into their events (actor2)" }
                if repeatedRows > 0 { line += ", \(repeatedRows) row(s) left out that repeat an event_id_cnty with other values" }
                guard skipBadRows else { return line }
                line += ", \(rejected) bad row(s) skipped"
                if let rejectsPath, rejected > 0 { line += " (written to \(rejectsPath))" }
                if rejectsPath == nil && rejected > IngestFiles.skippedRowsShown {
                    line += " (the first \(IngestFiles.skippedRowsShown) shown: pass --rejects FILE for all)"
                }
                return line
            case .articles(let count, _):
                return "\(file): \(count) article(s): \(summary.added) incident(s) added, \(summary.merged) merged into stored incidents, \(summary.alreadyPresent) already in the store"
            }
        }

        /// The second line `ingest` prints for a GDELT export: its rows kept, and skipped by reason.
        public var gdeltLine: String? {
            guard case .incidents(_, let gdelt?) = content else { return nil }
            return "\(file): \(gdelt)"
        }

        /// What to warn of: the incidents not stored because their date is unknown.
        public var warning: String? {
            guard case .articles(_, let undated) = content, let last = undated.last else { return nil }
            return "\(file): \(undated.count) incident(s) not stored, their date unknown: \(last.dateProblem ?? "pass --published")"
        }
    }

    /// What the whole ingest did.
    public struct Report: Sendable {
        public var location: StoreLocation
        public var files: Int
        public var total = IngestSummary()
        /// Bad rows skipped in every file.
        public var skipped = 0
        public var skipBadRows: Bool
        /// The files that failed and stored nothing.
        public var failed: [String] = []

        /// The line `ingest` prints for several files.
        public var totalLine: String {
            "total: \(total.added) added, \(total.merged) merged into stored incidents, \(total.alreadyPresent) already in the store (\(location))"
                + (skipBadRows ? ", \(skipped) bad row(s) skipped" : "")
        }

        /// The error to end with when a file failed.
        public var failure: IncidentMapError? {
            failed.isEmpty ? nil : .filesFailed(failed: failed, of: files)
        }
    }

    /// How many skipped rows are shown where no rejects file keeps them.
    public static let skippedRowsShown = 20

    /// The store ingested into; created when missing.
    public let location: StoreLocation

    /// An ingest into the store at `location`.
    public init(location: StoreLocation) { self.location = location }

    /// Ingests every file; `onEvent` hears each step. A rejects file that cannot be written,
    /// or a store that cannot be opened, throws before any file is read.
    public func run(_ request: Request, onEvent: (Event) -> Void = { _ in }) throws -> Report {
        // The rejects file first: a path that cannot be written then leaves no new store behind.
        let rejectsFile = try request.rejectsPath.map { path throws(ImportError) in try RejectedRowsFile(path: path) }
        let storeExisted = location.exists
        // Where no SpatiaLite store exists yet, the first incident file loads into a new file of
        // its own (see `NewStoreLoad`), made now so that a folder that cannot be written is
        // refused before any file is read. An existing store (or a server) is opened now, as
        // before; a new one when a file needs it.
        var newStore = storeExisted || location.isServer ? nil : try Self.newLoad(location)
        var opened: (any StoreBackend)? = newStore == nil ? try location.open(.createIfMissing) : nil
        func store() throws -> any StoreBackend {
            if let opened { return opened }
            // Nothing loaded into the new file (the first file holds articles): it becomes the
            // empty store, as opening a new one would make it.
            try newStore.map(Self.finish)
            newStore = nil
            let store = try location.open(.createIfMissing)
            opened = store
            return store
        }
        defer { newStore.map(Self.discard) }
        var report = Report(location: location, files: request.files.count, skipBadRows: request.skipBadRows)
        var articles: IngestArticles?
        for file in request.files {
            do {
                let fileReport: FileReport
                if try ArticleReader.holdsArticles(file) {
                    let store = try store()
                    if articles == nil { articles = try IngestArticles(store: store, gazetteer: try GazetteerInForce.load(for: store)) }
                    let stored = try articles!.ingest(file: file, defaults: request.articleDefaults) { count in
                        onEvent(.progress(file: file, bytesRead: 0, totalBytes: 0, items: count))
                    }
                    fileReport = FileReport(file: file, summary: stored.summary,
                                            content: .articles(count: stored.articles, undated: stored.undated),
                                            skipBadRows: request.skipBadRows, rejectsPath: rejectsFile?.path)
                } else {
                    let ingested: (IngestSummary, Int, IncidentFileReader)
                    if let load = newStore, opened == nil {
                        // Whatever happens, this file uses up the new file: stored and renamed
                        // into place, or removed.
                        newStore = nil
                        do {
                            ingested = try ingestIncidents(file, request: request, rejectsFile: rejectsFile, onEvent: onEvent,
                                                           into: .newStore(load))
                            try Self.finish(load)
                        } catch {
                            Self.discard(load)
                            // The next incident file, if any, gets a new file of its own.
                            if !location.exists { newStore = try? Self.newLoad(location) }
                            throw error
                        }
                    } else {
                        ingested = try ingestIncidents(file, request: request, rejectsFile: rejectsFile, onEvent: onEvent,
                                                       into: .store(try store()))
                    }
                    let (summary, rejected, reader) = ingested
                    report.skipped += rejected
                    var incidents = FileReport(file: file, summary: summary,
                                               content: .incidents(rejected: rejected, gdelt: reader.gdeltSummary),
                                               skipBadRows: request.skipBadRows, rejectsPath: rejectsFile?.path)
                    incidents.foldedRows = reader.foldedRows
                    incidents.repeatedRows = reader.repeatedRows
                    fileReport = incidents
                }
                report.total += fileReport.summary
                onEvent(.stored(fileReport))
            } catch {
                onEvent(.failed(file: file, error: error))
                report.failed.append(file)
            }
        }
        try rejectsFile?.close()
        if let store = opened, !report.failed.isEmpty && report.failed.count == request.files.count && !storeExisted {
            try store.closeAndDelete()
            onEvent(.storeRemoved(location))
        }
        return report
    }

    /// A new store's file beside `location`, removed if the process is stopped by SIGINT or
    /// SIGTERM before it is finished.
    private static func newLoad(_ location: StoreLocation) throws -> NewStoreLoad {
        let load = try NewStoreLoad(path: location.path)
        load.temporaryFiles.forEach(RemoveOnSignal.shared.remember)
        return load
    }

    /// Makes a new store's loaded file the store; from then on a signal need not remove it.
    private static func finish(_ load: NewStoreLoad) throws {
        defer { load.temporaryFiles.forEach(RemoveOnSignal.shared.forget) }
        try load.finish()
    }

    /// Removes a new store's file after a failed load (or one never used).
    private static func discard(_ load: NewStoreLoad) {
        load.discard()
        load.temporaryFiles.forEach(RemoveOnSignal.shared.forget)
    }

    /// Where an incident file's rows go: an open store, or a new store's first load.
    private enum IngestTarget {
        case store(any StoreBackend)
        case newStore(NewStoreLoad)
    }

    /// Stores the rows of one incident file in one transaction, parsing a chunk ahead on
    /// another thread while this one inserts; returns the counts, the rows skipped and the
    /// reader, read to its end (what it folded, and for a GDELT export what its rows became).
    private func ingestIncidents(_ file: String, request: Request, rejectsFile: RejectedRowsFile?, onEvent: (Event) -> Void,
                                 into target: IngestTarget) throws -> (IngestSummary, Int, IncidentFileReader) {
        let reader = try IncidentFileReader(path: file, gdelt: request.gdelt)
        let ahead = IncidentFileReader.ReadAhead(reader, skipBadRows: request.skipBadRows)
        defer { ahead.cancel() }
        var rejected = 0
        // About 400 bytes a row in ACLED exports: enough to tell a bulk load from a small one.
        let expectedRows = Int(reader.fileSize / 400)
        func ingest(_ body: (any IngestBatch) throws -> Void) throws -> IngestSummary {
            switch target {
            case .store(let store): return try store.ingest(expectedRows: expectedRows, body)
            case .newStore(let load): return try load.ingest(expectedRows: expectedRows, body)
            }
        }
        let summary = try ingest { batch in
            var rows = 0
            while let chunk = try ahead.next() {
                for incident in chunk.incidents { try batch.add(incident) }
                rows += chunk.incidents.count
                onEvent(.progress(file: file, bytesRead: chunk.bytesRead, totalBytes: reader.fileSize, items: rows))
                if let rejectsFile {
                    try rejectsFile.append(chunk.rejected, from: file)
                } else {
                    for row in chunk.rejected.prefix(max(0, Self.skippedRowsShown - rejected)) {
                        onEvent(.rowSkipped(file: file, line: row.line, reason: row.reason))
                    }
                }
                rejected += chunk.rejected.count
            }
        }
        return (summary, rejected, reader)
    }
}
