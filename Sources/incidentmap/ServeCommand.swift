import ArgumentParser
import IncidentMapKit
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
            --max-body 413; nothing is stored from a refused request. A store that cannot be \
            written (a read-only file or mount, a full disk, a hot standby) is served read-only: \
            every GET answers, and POST /articles is answered 503 with the reason. Each request is logged on \
            one line to standard error. SIGINT or SIGTERM (Ctrl-C) stops the server once the \
            requests in flight are answered.

            Staying responsive: each POST /articles extraction runs on a thread of its own, at \
            most --max-extractions at once; one more is answered 503 with Retry-After rather \
            than queued. A client that closes its connection before its answer has its request \
            cancelled, and nothing from it is stored. A connection is closed when a request's \
            headers have not all arrived --header-timeout after it opened (or after the \
            request's first byte), and when it has had no request in progress for \
            --idle-timeout; at most --max-connections are open at once, and further clients \
            wait until one closes.

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

    @Option(help: ArgumentHelp("Close a connection whose request headers have not all arrived this many seconds after it opened or after the request's first byte (default: 10).",
                               valueName: "seconds"), transform: Self.seconds)
    var headerTimeout: Duration = .seconds(10)

    @Option(help: ArgumentHelp("Close a connection that has had no request in progress for this many seconds: an idle keep-alive, or a body that stops coming (default: 30).",
                               valueName: "seconds"), transform: Self.seconds)
    var idleTimeout: Duration = .seconds(30)

    @Option(help: ArgumentHelp("The most connections open at once; more clients wait until one closes.", valueName: "count"))
    var maxConnections: Int = 100

    @Option(help: ArgumentHelp("The most POST /articles extractions running at once (default: the number of cores); one more gets 503 with Retry-After.",
                               valueName: "count"))
    var maxExtractions: Int?

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    /// A number of seconds, more than 0 and at most a day.
    static func seconds(_ text: String) throws -> Duration {
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw ValidationError("'\(text)' is not a number of seconds above 0 and at most 86400 (such as 10 or 0.5)")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        if let maxExtractions, maxExtractions < 1 { throw ValidationError("--max-extractions must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let incidentStore = try store.open(.createIfMissingElseRead)
        var logger = Logger(label: "incidentmap")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server: IncidentServer
        do {
            var configuration = ServerConfiguration(host: host, port: port, maxBodyBytes: maxBody,
                                                    idleTimeout: idleTimeout, headerTimeout: headerTimeout,
                                                    maxConnections: maxConnections)
            if let maxExtractions { configuration.maxConcurrentExtractions = maxExtractions }
            server = try IncidentServer(store: incidentStore, configuration: configuration, assets: try MapAssets.load())
        } catch {
            throw CommandFailure(error)
        }
        let storePath = store.location.path
        let readOnly = StoreWrites.refusal(by: incidentStore)
        let host = self.host
        let app = server.application(logger: logger) { boundPort in
            if let readOnly {
                printError("incidentmap: \(storePath) cannot be written (\(readOnly)): every reading route answers; POST /articles is answered 503")
            }
            printError("incidentmap: serving \(storePath) at http://\(host):\(boundPort)/ (Ctrl-C stops)")
        }
        try await app.runService()
    }
}
