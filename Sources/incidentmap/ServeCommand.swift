import ArgumentParser
import IncidentServer
import Logging
import MapPage

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store over HTTP: a JSON API and the live map.",
        discussion: """
            Routes:
              GET  /                     the map page, reading from the API
              GET  /incidents            ?bbox=&since=&until=&type=&format=geojson|geojsonseq|csv|json|rows (streamed)
              GET  /near                 ?lat=&lon=&radius=10km  or  ?place=Mitiga&radius=5km  (&limit=)
              GET  /gazetteer/search     ?q=NAME (&limit=)
              POST /articles             JSON {"text", "published", "source", "url", "language"}: extract,
                                         store, and answer with the incidents found

            A bad parameter is answered 400 with {"error": …, "parameter": …}; a body over \
            --max-body 413; nothing is stored from a refused request. Each request is logged on \
            one line to standard error. SIGINT or SIGTERM (Ctrl-C) stops the server once the \
            requests in flight are answered.

            Listens on 127.0.0.1 unless --host says otherwise: there is no authentication, so \
            open it to a network only behind something that provides it.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("The largest request body accepted, in bytes.", valueName: "bytes"))
    var maxBody: Int = 1 << 20

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let incidentStore = try store.open(.createIfMissing)
        var logger = Logger(label: "incidentmap")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server: IncidentServer
        do {
            server = try IncidentServer(store: incidentStore,
                                        configuration: ServerConfiguration(host: host, port: port, maxBodyBytes: maxBody),
                                        assets: try MapAssets.load())
        } catch {
            throw CommandFailure(error)
        }
        let storePath = store.path
        let host = self.host
        let app = server.application(logger: logger) { boundPort in
            printError("incidentmap: serving \(storePath) at http://\(host):\(boundPort)/ (Ctrl-C stops)")
        }
        try await app.runService()
    }
}
