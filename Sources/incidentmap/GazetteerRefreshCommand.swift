import ArgumentParser
import Foundation
import Gazetteer
import GazetteerDownload
import IncidentMapCore
import IncidentStore

struct GazetteerRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Import a GeoNames country dump into the store's gazetteer.",
        discussion: """
            Reads a GeoNames country dump (LY.txt, the zipped LY.zip, or a URL to either) and \
            stores its places in the store, where they join the built-in gazetteer: newer \
            GeoNames data replaces the built-in GeoNames snapshot, curated places win where they \
            disagree, and every name is kept. It prints what changed (added, removed, renamed, \
            moved more than 1 km) and moves the stored incidents of places that moved.

            The refresh is one transaction: a bad file (FILE:LINE: what is wrong) or an \
            interrupted run leaves the previous gazetteer and incidents as they were.

            Example: incidentmap gazetteer refresh --geonames LY.zip
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A GeoNames dump: LY.txt, LY.zip, or a URL to one.", valueName: "file|url"))
    var geonames: String

    @Option(help: "List at most this many places of each kind of change.")
    var show: Int = 10

    func run() async throws {
        let imported: [Place]
        do {
            var file = geonames
            if GeoNamesDownload.isRemote(geonames), let url = URL(string: geonames) {
                printError("downloading \(geonames) …")
                file = try await GeoNamesDownload.download(url).path
            }
            defer { if file != geonames { try? FileManager.default.removeItem(atPath: file) } }
            imported = try GeoNamesDump.places(from: file, districts: Gazetteer.districts())
        } catch {
            throw CommandFailure("\(error)\nnothing was changed: the previous gazetteer stays in force")
        }
        let incidentStore = try store.open(.createIfMissing)
        let summary: GazetteerRefreshSummary
        do {
            summary = try incidentStore.refreshGazetteer(imported: imported, source: geonames)
        } catch {
            throw CommandFailure("\(error)\nnothing was changed: the previous gazetteer stays in force")
        }
        print(RefreshReport.render(summary, source: geonames, store: store.path, show: show))
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
