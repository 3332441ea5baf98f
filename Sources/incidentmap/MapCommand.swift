import ArgumentParser
import IncidentMapKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Write the stored incidents as one HTML map that opens from disk, with no network.",
        discussion: """
            The page inlines Leaflet (from Debian's libjs-leaflet) with Leaflet.markercluster's \
            stylesheets (libjs-leaflet.markercluster; the page clusters the markers with its own \
            script), the country outlines and districts, the gazetteer's main places, and the \
            incidents: clustered markers coloured by ACLED event type, a popup per \
            incident with its evidence sentence (place and trigger marked), a date range filter, \
            and a radius search that gives the same answer as `incidentmap near`.

            It takes the same filters as `export`. Example:
              incidentmap map --since 2019-04-01 --out tripoli-april.html
            """)

    enum Defaults: PageDefaults {
        static let noun = "page"
        static let file = "incidents.html"
        static let title = "incidentmap: incidents"
    }

    @OptionGroup var page: PageOptions<Defaults>

    func run() throws {
        try page.write { store, filter in
            let count = try WriteMap(store: store).run(filter, title: page.title, to: page.out)
            return "wrote a map of \(count) incidents to \(page.out)"
        }
    }
}
