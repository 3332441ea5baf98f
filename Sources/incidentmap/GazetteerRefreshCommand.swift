import ArgumentParser
import Foundation
import Gazetteer
import GazetteerDownload
import IncidentMapCore
import IncidentStore

struct GazetteerRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Import a GeoNames dump or an OpenStreetMap Overpass answer into the store's gazetteer.",
        discussion: """
            Reads a GeoNames country dump (LY.txt, the zipped LY.zip, or a URL to either) or an \
            OpenStreetMap Overpass answer in [out:json] (a file, or a URL to fetch it from) and \
            stores its places in the store, where they join the built-in gazetteer: newer data \
            replaces the built-in snapshot of its source, a place another source holds close by \
            under the same name becomes one place with every name, curated places win where they \
            disagree. A GeoNames refresh keeps the OpenStreetMap places an earlier refresh stored, \
            and the reverse. It prints what changed (added, removed, renamed, moved more than \
            1 km) and moves the stored incidents of places that moved.

            The refresh is one transaction: a bad file (FILE:LINE, or the OSM element, and what \
            is wrong) or an interrupted run leaves the previous gazetteer and incidents as they were.

            An Overpass query for Libya's places, districts, airports, bases, ports, oil \
            facilities, wadis and border posts is in Gazetteer/README.md.

            A URL is downloaded to the temporary folder first and removed afterwards, also when \
            the command is interrupted (Ctrl-C, SIGTERM); the download fails when the server \
            sends nothing for --idle-timeout seconds (60) or more than --max-download-size MiB (512).

            Examples:
              incidentmap gazetteer refresh --geonames LY.zip
              incidentmap gazetteer refresh --osm libya-places.json
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A GeoNames dump: LY.txt, LY.zip, or a URL to one.", valueName: "file|url"))
    var geonames: String?

    @Option(help: ArgumentHelp("An OpenStreetMap Overpass answer ([out:json], `out center`), or a URL that returns one.", valueName: "file|url"))
    var osm: String?

    @Option(help: "List at most this many places of each kind of change.")
    var show: Int = 10

    @Option(help: ArgumentHelp("When downloading: give up once the server has sent nothing for this many seconds.", valueName: "seconds"))
    var idleTimeout: Int = Int(GeoNamesDownload.defaultIdleTimeout.nanoseconds / 1_000_000_000)

    @Option(help: ArgumentHelp("When downloading: the largest download accepted, in MiB (a GeoNames country dump is a few MB).",
                               valueName: "MiB"))
    var maxDownloadSize: Int64 = GeoNamesDownload.defaultMaximumSize >> 20

    func validate() throws {
        if (geonames == nil) == (osm == nil) {
            throw ValidationError("Give one of --geonames FILE|URL or --osm FILE|URL.")
        }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout must be 1 second or more.") }
        if maxDownloadSize < 1 || maxDownloadSize > Int64.max >> 20 { throw ValidationError("--max-download-size must be 1 MiB or more.") }
    }

    func run() async throws {
        let location = geonames ?? osm ?? ""
        let imported: [Place]
        do {
            var file = location
            if GeoNamesDownload.isRemote(location), let url = URL(string: location) {
                printError("downloading \(location) …")
                file = try await GeoNamesDownload.download(url, idleTimeout: .seconds(Int64(idleTimeout)),
                                                           maximumSize: maxDownloadSize << 20).path
            }
            defer {
                if file != location {
                    try? FileManager.default.removeItem(atPath: file)
                    RemoveOnSignal.shared.forget(file)
                }
            }
            imported = try GazetteerSourceFile.places(geonames: geonames != nil ? file : nil, osm: osm != nil ? file : nil)
        } catch {
            throw CommandFailure("\(error)\nnothing was changed: the previous gazetteer stays in force")
        }
        let incidentStore = try store.open(.createIfMissing)
        let summary: GazetteerRefreshSummary
        do {
            summary = try incidentStore.refreshGazetteer(imported: imported, source: location)
        } catch {
            throw CommandFailure("\(error)\nnothing was changed: the previous gazetteer stays in force")
        }
        print(RefreshReport.render(summary, source: location, store: store.path, show: show))
    }
}

/// The text `gazetteer refresh` prints.
enum RefreshReport {
    static func render(_ summary: GazetteerRefreshSummary, source: String, store: String, show: Int) -> String {
        let diff = summary.diff
        var lines = ["imported \(summary.importedPlaces) places from \(source) into \(store)",
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
        lines.append("re-resolved \(summary.incidentsUpdated) stored incident(s) whose place moved or was renamed")
        if summary.incidentsOnRemovedPlaces > 0 {
            lines.append("\(summary.incidentsOnRemovedPlaces) incident(s) name places no longer in the gazetteer: kept as they were")
        }
        return lines.joined(separator: "\n")
    }
}
