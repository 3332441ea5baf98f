import Foundation
import IncidentMapCore
import IncidentStorage
import IncidentStore
import PostGISStore

/// `copy`: moves a whole store into another (a SpatiaLite file or a PostGIS database, either
/// way), in one transaction on the target: every incident with every column as the source
/// holds it (``StoreBackend/storeRows(expectedRows:_:)``, over `Incident.Column.allCases`),
/// then the gazetteer's places and its log of refreshes. A target that holds incidents
/// already is refused unless the request merges, which takes ingest's merge rules.
///
/// ```swift
/// let report = try CopyStore().run(CopyStore.Request(from: StoreLocation("incidents.sqlite"),
///                                                    to: StoreLocation("postgresql://analyst@db/incidents")))
/// print(report)  // copied 120000 incidents from incidents.sqlite to postgresql://…: 120000 added, …
/// ```
public struct CopyStore: Sendable {
    /// What to copy where.
    public struct Request: Hashable, Sendable {
        public var from: StoreLocation
        public var to: StoreLocation
        /// Merge into a target that holds incidents (ingest's rules: a stored id gains the
        /// source's sources, URLs and evidence) instead of refusing it.
        public var merge: Bool

        public init(from: StoreLocation, to: StoreLocation, merge: Bool = false) {
            self.from = from
            self.to = to
            self.merge = merge
        }
    }

    /// What a copy did.
    public struct Report: Hashable, Sendable, CustomStringConvertible {
        public var from: StoreLocation
        public var to: StoreLocation
        /// The incidents read from the source.
        public var read = 0
        public var summary = IngestSummary()
        /// Gazetteer places and refresh records carried.
        public var places = 0
        public var refreshes = 0

        public var description: String {
            "copied \(read) incidents from \(from) to \(to): \(summary.added) added, \(summary.merged) merged, "
                + "\(summary.alreadyPresent) already there; \(places) gazetteer places, \(refreshes) refresh records"
        }
    }

    /// Why a copy did not start; nothing was written.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case sourceMissing(StoreLocation)
        case sameStore(StoreLocation)
        case targetHoldsIncidents(StoreLocation, count: Int)
        case targetReadOnly(StoreLocation, reason: String)

        public var description: String {
            switch self {
            case .sourceMissing(let location):
                return "\(location): no incidentmap store there to copy from: check --from (a .sqlite file or a postgresql:// URL)"
            case .sameStore(let location):
                return "\(location) is both --from and --to: name another store as the target"
            case .targetHoldsIncidents(let location, let count):
                return "\(location) holds \(count) incidents already: pass --merge to merge the source into them, "
                    + "or name an empty or new store as --to"
            case .targetReadOnly(let location, let reason):
                return "\(location) cannot be written (\(reason)): copy to a store you may write, or ask its owner"
            }
        }
    }

    /// How often (in rows) progress is reported.
    public static let progressEvery = 10_000

    public init() {}

    /// Copies `request.from` into `request.to`; `onProgress` is called with the rows read so
    /// far and the source's total. A target the copy created is removed when the copy fails.
    public func run(_ request: Request, onProgress: (_ rows: Int, _ total: Int) -> Void = { _, _ in }) throws -> Report {
        guard !Self.isSameStore(request.from, request.to) else { throw Failure.sameStore(request.to) }
        // A server that cannot be reached says so itself when opened, rather than "no store there".
        guard request.from.isServer || request.from.exists else { throw Failure.sourceMissing(request.from) }
        let source = try request.from.open(.mustExist)
        defer { try? source.close() }
        let targetExisted = request.to.exists
        let target = try Self.writable(request.to) { try request.to.open(.createIfMissing) }
        defer { try? target.close() }
        if !request.merge {
            let held = try target.count(matching: IncidentFilter())
            guard held == 0 else { throw Failure.targetHoldsIncidents(request.to, count: held) }
        }
        var report = Report(from: request.from, to: request.to)
        do {
            let total = try source.count(matching: IncidentFilter())
            func counted() {
                report.read += 1
                if report.read % Self.progressEvery == 0 { onProgress(report.read, total) }
            }
            report.summary = try Self.writable(request.to) {
                if request.merge {
                    return try target.mergeIncidents(expectedRows: total) { merge in
                        try source.forEachIncident(matching: IncidentFilter()) { incident in
                            try merge(incident)
                            counted()
                        }
                    }
                }
                return try target.storeRows(expectedRows: total) { store in
                    try source.forEachRow(matching: IncidentFilter()) { row in
                        try store(row)
                        counted()
                    }
                }
            }
            onProgress(report.read, total)
            try copyGazetteer(from: source, to: target, merge: request.merge, into: &report)
        } catch {
            if !targetExisted { try? target.closeAndDelete() }
            throw error
        }
        return report
    }

    /// The gazetteer's places (merged by id with the target's when merging, the target's kept)
    /// and its log of refreshes, appended.
    private func copyGazetteer(from source: any StoreBackend, to target: any StoreBackend, merge: Bool,
                               into report: inout Report) throws {
        let places = try source.importedPlaces()
        let records = try source.refreshRecords()
        guard !places.isEmpty || !records.isEmpty else { return }
        try target.updateGazetteer { transaction in
            var kept = merge ? try transaction.importedPlaces() : []
            let keptIDs = Set(kept.map(\.id))
            kept += places.filter { !keptIDs.contains($0.id) }
            try transaction.replaceImportedPlaces(with: kept.sorted { $0.id < $1.id })
            for record in records { try transaction.recordRefresh(record) }
        }
        report.places = places.count
        report.refreshes = records.count
    }

    /// Runs `body`, reporting a store that refuses writes (a read-only file, a hot standby)
    /// as ``Failure/targetReadOnly(_:reason:)``.
    private static func writable<T>(_ location: StoreLocation, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.readOnly(_, let reason) {
            throw Failure.targetReadOnly(location, reason: reason)
        } catch PostGISStoreError.readOnlyServer {
            throw Failure.targetReadOnly(location, reason: "the server is a read-only hot standby")
        }
    }

    /// Whether two locations name one store: the same file (through links and `..` too), or
    /// the same URL once its password is left out.
    static func isSameStore(_ first: StoreLocation, _ second: StoreLocation) -> Bool {
        guard first.isServer == second.isServer else { return false }
        if first.isServer { return first.description == second.description }
        func resolved(_ location: StoreLocation) -> String {
            URL(fileURLWithPath: location.path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return resolved(first) == resolved(second)
    }
}
