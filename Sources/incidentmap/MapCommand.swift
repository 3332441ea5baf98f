import ArgumentParser
import IncidentMapKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Write the stored incidents as one HTML map that opens from disk, with no network.",
        discussion: """
            The page inlines Leaflet and Leaflet.markercluster (from Debian's libjs-leaflet and \
            libjs-leaflet.markercluster), Natural Earth's country outlines and the gazetteer's main \
            places, and the incidents: clustered markers coloured by ACLED event type, a popup per \
            incident with its evidence sentence (place and trigger marked), a date range filter, \
            and a radius search that gives the same answer as `incidentmap near`.

            It takes the same filters as `export`. Example:
              incidentmap map --since 2019-04-01 --out tripoli-april.html
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var out: String = "incidents.html"

    @Option(help: "The page's title.")
    var title: String = "incidentmap: incidents"

    func run() throws {
        let filter = try filters.filter()
        let incidentStore = try store.open(.mustExist)
        do {
            let count = try WriteMap(store: incidentStore).run(filter, title: title, to: out)
            printError("wrote a map of \(count) incidents to \(out)")
        } catch {
            throw CommandFailure(error)
        }
    }
}
