import ArgumentParser
import GeoJSON
import IncidentMapKit

extension OutputFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the stored incidents as GeoJSON, GeoJSONSeq, CSV or JSON.",
        discussion: """
            geojson is an RFC 7946 FeatureCollection: points at [longitude, latitude], the \
            event_id_cnty as each feature's id, every column as a property under its ACLED name. \
            geojsonseq writes one Feature per line; csv uses ACLED's column names; json is an \
            array of objects keyed by the same names. The export \
            streams, so memory stays flat however large the store. With --out, the file appears \
            only once it is complete.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: "Output format: geojson, geojsonseq, csv or json.")
    var format: OutputFormat = .geojson

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        let incidentStore = try store.open(.mustExist)
        let filter = try filters.filter()
        do {
            let count = try ExportIncidents(store: incidentStore).run(filter, format: format, to: out.map { .file($0) } ?? .standardOutput)
            if let out { printError("wrote \(count) incidents to \(out)") }
        } catch {
            throw CommandFailure(error)
        }
    }
}
