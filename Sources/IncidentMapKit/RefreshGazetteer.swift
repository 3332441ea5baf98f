import Foundation
import Gazetteer
import GazetteerDownload
import IncidentMapCore
import IncidentStorage
import NIOCore

/// `gazetteer refresh`: imports a GeoNames dump or an Overpass answer (a file, or a URL that
/// is downloaded first) into the store's gazetteer, compares the gazetteer in force before and
/// after, and moves the stored incidents of places that moved or were renamed, all in one
/// transaction: a failure, or a killed process, leaves the previous gazetteer and incidents.
///
/// ```swift
/// let summary = try await RefreshGazetteer(location: StoreLocation(option: nil))
///     .run(RefreshGazetteer.Request(source: .geoNames("LY.zip")))
/// print(summary.report(show: 10))
/// ```
public struct RefreshGazetteer: Sendable {
    /// What to import, and the bounds of a download.
    public struct Request: Sendable {
        /// The file or URL to import.
        public var source: PlaceSource
        /// A download fails once the server has sent nothing for this long.
        public var idleTimeout = Self.defaultIdleTimeout
        /// A download fails past this many bytes.
        public var maximumDownloadSize = Self.defaultMaximumDownloadSize

        /// 60 s: a server that sends nothing for a minute has stalled.
        public static let defaultIdleTimeout = Duration.nanoseconds(GeoNamesDownload.defaultIdleTimeout.nanoseconds)
        /// 512 MiB (see `GeoNamesDownload/defaultMaximumSize`).
        public static let defaultMaximumDownloadSize = GeoNamesDownload.defaultMaximumSize

        /// An import of `source` with the default bounds.
        public init(source: PlaceSource) { self.source = source }
    }

    /// What a refresh changed.
    public struct Summary: Sendable {
        /// Where the places came from, as given.
        public var source: String
        /// The store, as named.
        public var location: String
        /// Places the refresh stored.
        public var importedPlaces: Int
        /// The places added, removed, renamed and moved.
        public var diff: GazetteerDiff
        /// Incidents whose coordinates or place names were brought up to date.
        public var incidentsUpdated: Int
        /// Incidents that name a place the gazetteer no longer has (left as they were).
        public var incidentsOnRemovedPlaces: Int

        /// The lines `gazetteer refresh` prints, listing at most `show` places of each kind of
        /// change.
        public func report(show: Int) -> String {
            var lines = ["imported \(importedPlaces) places from \(source) into \(location)",
                         "added \(diff.added.count), removed \(diff.removed.count), renamed \(diff.renamed.count), moved more than 1 km \(diff.moved.count)"]
            func list(_ title: String, _ items: [String]) {
                guard !items.isEmpty else { return }
                lines.append(title + ":")
                lines += items.prefix(show).map { "  " + $0 }
                if items.count > show { lines.append("  … and \(items.count - show) more") }
            }
            list("added", diff.added.map { "\($0.id) \($0.nameEnglish)" })
            list("removed", diff.removed.map { "\($0.id) \($0.nameEnglish)" })
            list("renamed", diff.renamed.map { "\($0.after.id) \($0.before.nameEnglish) → \($0.after.nameEnglish)" })
            list("moved", diff.moved.map { "\($0.after.id) \($0.after.nameEnglish) by \(String(format: "%.1f", $0.metres / 1000)) km" })
            lines.append("re-resolved \(incidentsUpdated) stored incident(s) whose place moved or was renamed")
            if incidentsOnRemovedPlaces > 0 {
                lines.append("\(incidentsOnRemovedPlaces) incident(s) name places no longer in the gazetteer: kept as they were")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The store whose gazetteer is refreshed; created when missing.
    public let location: StoreLocation

    /// A refresh of the store at `location`.
    public init(location: StoreLocation) { self.location = location }

    /// Reads (downloading a URL first) and imports the places; `note` hears progress for the
    /// user. A source that cannot be read, or a refresh that fails, throws
    /// ``IncidentMapError/gazetteerUnchanged(reason:)``; the store's own errors on opening pass.
    public func run(_ request: Request, note: @escaping (String) -> Void = { _ in }) async throws -> Summary {
        let places: [Place]
        do {
            places = try await Self.read(request, note: note)
        } catch {
            throw IncidentMapError.gazetteerUnchanged(reason: String(describing: error))
        }
        let store = try location.open(.createIfMissing)
        do {
            return try Self.refresh(store, with: places, source: request.source.location)
        } catch {
            throw IncidentMapError.gazetteerUnchanged(reason: String(describing: error))
        }
    }

    /// The places of the request's source; a URL is downloaded to the temporary folder and
    /// removed again afterwards (also on SIGINT or SIGTERM while it downloads).
    static func read(_ request: Request, note: (String) -> Void) async throws -> [Place] {
        let location = request.source.location
        guard GeoNamesDownload.isRemote(location), let url = URL(string: location) else {
            return try request.source.places(note: note)
        }
        note("downloading \(location) …")
        let file = try await GeoNamesDownload.download(url, idleTimeout: TimeAmount(request.idleTimeout),
                                                       maximumSize: request.maximumDownloadSize).path
        defer {
            try? FileManager.default.removeItem(atPath: file)
            RemoveOnSignal.shared.forget(file)
        }
        return try request.source.at(file).places(note: note)
    }

    /// Replaces the stored places of one source (GeoNames, or OpenStreetMap: ids `osm-…`) with
    /// `newPlaces`, keeps those of the other, and brings the incidents on places that moved or
    /// were renamed up to date, in one of the store's transactions.
    public static func refresh(_ store: any StoreBackend, with newPlaces: [Place], source: String) throws -> Summary {
        try store.updateGazetteer { transaction in
            let stored = try transaction.importedPlaces()
            let isOpenStreetMap = { (place: Place) in place.id.hasPrefix("osm-") }
            let replacesOpenStreetMap = newPlaces.contains(where: isOpenStreetMap)
            let imported = stored.filter { isOpenStreetMap($0) != replacesOpenStreetMap } + newPlaces
            let before = try GazetteerInForce.make(imported: stored)
            let after = try GazetteerInForce.make(imported: imported)
            let diff = GazetteerDiff(before: before, after: after)

            try transaction.replaceImportedPlaces(with: imported)
            var updated = 0
            for id in diff.changedPlaceIDs.sorted() {
                guard let place = after.places[id] else { continue }
                updated += try transaction.updateIncidents(onPlace: place)
            }
            let onRemoved = try transaction.countIncidents(onPlaces: Set(diff.removed.map(\.id)))
            try transaction.recordRefresh(GazetteerRefreshRecord(
                source: source, places: newPlaces.count, added: diff.added.count, removed: diff.removed.count,
                renamed: diff.renamed.count, moved: diff.moved.count, incidentsUpdated: updated))
            return Summary(source: source, location: store.location, importedPlaces: newPlaces.count, diff: diff,
                           incidentsUpdated: updated, incidentsOnRemovedPlaces: onRemoved)
        }
    }
}
