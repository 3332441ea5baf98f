import ArgumentParser
import IncidentMapKit

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
    var idleTimeout: Int = Int(RefreshGazetteer.Request.defaultIdleTimeout.components.seconds)

    @Option(help: ArgumentHelp("When downloading: the largest download accepted, in MiB (a GeoNames country dump is a few MB).",
                               valueName: "MiB"))
    var maxDownloadSize: Int64 = RefreshGazetteer.Request.defaultMaximumDownloadSize >> 20

    func validate() throws {
        if (geonames == nil) == (osm == nil) {
            throw ValidationError("Give one of --geonames FILE|URL or --osm FILE|URL.")
        }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout must be 1 second or more.") }
        if maxDownloadSize < 1 || maxDownloadSize > Int64.max >> 20 { throw ValidationError("--max-download-size must be 1 MiB or more.") }
    }

    func run() async throws {
        var request = RefreshGazetteer.Request(source: geonames.map { .geoNames($0) } ?? .openStreetMap(osm ?? ""))
        request.idleTimeout = .seconds(idleTimeout)
        request.maximumDownloadSize = maxDownloadSize << 20
        let summary: RefreshGazetteer.Summary
        do {
            summary = try await RefreshGazetteer(location: store.location).run(request, note: printError)
        } catch {
            throw CommandFailure(error)
        }
        printOutput(summary.report(show: show))
    }
}
