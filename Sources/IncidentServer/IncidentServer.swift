import Extraction
import Foundation
import Gazetteer
import GeoJSON
import Hummingbird
import HummingbirdCore
import IncidentMapCore
import IncidentMapKit
import IncidentStorage
import Logging
import MapPage
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// How `incidentmap serve` listens, what it accepts, and how long it waits for a client.
///
/// ```swift
/// var configuration = ServerConfiguration(port: 8080)
/// configuration.headerTimeout = .seconds(5)
/// configuration.maxConcurrentExtractions = 1
/// ```
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback unless the user opens it up.
    public var host: String = "127.0.0.1"
    /// The port; 0 lets the system pick one (tests do).
    public var port: Int = 8080
    /// The largest request body accepted (`POST /articles`); larger ones get 413.
    public var maxBodyBytes: Int = 1 << 20
    /// Incidents read from the store per chunk of a streamed answer.
    public var pageSize: Int = 2000
    /// How long a connection may sit with no request in progress (an idle keep-alive, or a
    /// request body that stops coming) before it is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// How long a request's head (request line and headers) may take to arrive whole, from the
    /// connection's opening or from the first byte of a later request on it; then it is closed.
    public var headerTimeout: Duration = .seconds(10)
    /// The most connections open at once; further clients wait in the listen backlog until one
    /// closes. Bodies being read take at most this many times ``maxBodyBytes`` of memory.
    public var maxConnections: Int = 100
    /// The most `POST /articles` extractions running at once, each on a thread of its own;
    /// a request beyond them is answered 503 with `Retry-After`.
    public var maxConcurrentExtractions: Int = System.coreCount

    /// A configuration; every bound has a default fit for one user on loopback.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, pageSize: Int = 2000,
                idleTimeout: Duration = .seconds(30), headerTimeout: Duration = .seconds(10),
                maxConnections: Int = 100, maxConcurrentExtractions: Int = System.coreCount) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.pageSize = pageSize
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.maxConnections = maxConnections
        self.maxConcurrentExtractions = maxConcurrentExtractions
    }
}

/// The HTTP API and live map over an incident store (any `StoreBackend`), each route an
/// adapter over a use case of `IncidentMapKit`:
///
/// - `GET /incidents?bbox=&since=&until=&type=&format=geojson|geojsonseq|csv|json|rows`, streamed
/// - `GET /near?lat=&lon=&radius=` or `GET /near?place=NAME&radius=`
/// - `GET /gazetteer/search?q=`
/// - `POST /articles` (JSON `{text, published, source, url, language}`): extract, store, answer
///   with the incidents found; on a store that cannot be written, 503 with the reason (every
///   other route answers as usual)
/// - `GET /` the live map page
///
/// Store work runs on NIO's blocking thread pool, never on the event loops. The store is a
/// WAL database, so readers go on while an article is being stored. Extraction runs on threads
/// of its own, at most ``ServerConfiguration/maxConcurrentExtractions`` at once, and stops being
/// waited for (nothing is stored) when its client closes the connection. Connections are closed
/// after ``ServerConfiguration/headerTimeout`` without a whole request head and after
/// ``ServerConfiguration/idleTimeout`` with no request in progress, and at most
/// ``ServerConfiguration/maxConnections`` are open at once.
///
/// ```swift
/// let server = try IncidentServer(store: store, configuration: .init(port: 8080), assets: try MapAssets.load())
/// try await server.application(logger: Logger(label: "incidentmap")).runService()
/// ```
public struct IncidentServer: Sendable {
    let store: any StoreBackend
    let configuration: ServerConfiguration
    let gazetteer: Gazetteer
    let articles: IngestArticles
    /// The live page, encoded once (about 600 kB with Leaflet inlined).
    let page: ByteBuffer
    let extractions: ExtractionGate
    let connections = NIOLockedValueBox(0)

    /// The `POST /articles` extractions running now (for health checks and tests).
    public var extractionsInProgress: Int { extractions.inProgress }
    /// The connections open now (for health checks and tests).
    public var openConnections: Int { connections.withLockedValue { $0 } }

    public init(store: any StoreBackend, configuration: ServerConfiguration, assets: MapAssets, title: String = "incidentmap") throws {
        self.store = store
        self.configuration = configuration
        gazetteer = try GazetteerInForce.load(for: store)
        articles = try IngestArticles(store: store, gazetteer: gazetteer)
        page = ByteBuffer(string: try WriteMap(store: store).page(title: title, gazetteer: gazetteer, assets: assets).liveHTML())
        extractions = ExtractionGate(limit: configuration.maxConcurrentExtractions)
    }

    /// The Hummingbird application; `runService()` runs it until SIGINT or SIGTERM and then
    /// lets requests in flight finish. `onRunning` gets the bound port (useful with port 0).
    public func application(logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: APIErrorMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        router.get("/") { _, _ in self.pageResponse() }
        router.get("/incidents") { request, _ in try self.incidents(request) }
        router.get("/near") { request, _ in try await self.near(request) }
        router.get("/gazetteer/search") { request, _ in try self.search(request) }
        router.post("/articles") { request, context in try await self.postArticle(request, context: context) }
        return Application(
            router: router,
            server: httpServer(logger: logger),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "incidentmap",
                                 availableConnectionsDelegate: ConnectionLimit(limit: configuration.maxConnections, open: connections)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// HTTP/1 with the idle timeout, and the head deadline and client watch of ``ConnectionGuard``.
    func httpServer(logger: Logger) -> HTTPServerBuilder {
        let headerTimeout = TimeAmount(configuration.headerTimeout)
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(headerTimeout: headerTimeout, logger: logger)],
            idleTimeout: TimeAmount(configuration.idleTimeout))
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: http))
        }
    }

    // MARK: - Routes

    func pageResponse() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: page))
    }

    /// Streams the incidents a page at a time: memory stays flat whatever the store holds.
    func incidents(_ request: Request) throws -> Response {
        let query = try QueryParameters(request, allowed: ["bbox", "since", "until", "type", "format"])
        let filter: IncidentFilter
        do {
            filter = try FilterParsing.filter(since: query.value("since"), until: query.value("until"),
                                              eventTypes: query.values("type").flatMap { $0.split(separator: ",").map(String.init) },
                                              boundingBox: query.value("bbox"))
        } catch {
            throw APIError.badParameter(error.parameter.rawValue, error.reason())
        }
        let format = try query.format()
        let pages = IncidentPages(store: store, filter: filter, pageSize: configuration.pageSize, writer: format.writer)
        var headers = HTTPFields()
        headers[.contentType] = format.mediaType
        let body = ResponseBody { writer in
            try pages.begin()
            while let bytes = try await NIOThreadPool.singleton.runIfActive({ try pages.next() }) {
                if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    func near(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["lat", "lon", "place", "radius", "limit"])
        let radius = try query.length("radius") ?? Length(metres: 10_000)
        let limit = try query.integer("limit", atLeast: 1)
        let nearby = FindNearby(store: store, gazetteer: gazetteer)
        let centre: Coordinate
        if let name = query.value("place") {
            if query.value("lat") != nil || query.value("lon") != nil {
                throw APIError.badParameter("place", "give either place or lat and lon, not both")
            }
            do { centre = try nearby.resolve(.place(name)).coordinate } catch {
                throw APIError.badParameter("place", String(describing: error))
            }
        } else {
            guard let latitude = try query.number("lat") else { throw APIError.badParameter("lat", "missing: give lat and lon, or place") }
            guard let longitude = try query.number("lon") else { throw APIError.badParameter("lon", "missing: give lat and lon, or place") }
            guard (-90...90).contains(latitude) else { throw APIError.badParameter("lat", "\(latitude) is not between -90 and 90") }
            guard (-180...180).contains(longitude) else { throw APIError.badParameter("lon", "\(longitude) is not between -180 and 180") }
            centre = try Coordinate(latitude: latitude, longitude: longitude)
        }
        let bytes = try await NIOThreadPool.singleton.runIfActive {
            let sink = ByteSink.inMemory()
            try nearby.write(near: centre, within: radius, limit: limit, format: .geojson, to: sink)
            return sink.drain()
        }
        return Self.json(bytes, contentType: OutputFormat.geojson.mediaType)
    }

    func search(_ request: Request) throws -> Response {
        let query = try QueryParameters(request, allowed: ["q", "limit"])
        guard let text = query.value("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badParameter("q", "missing: give a place name to search for")
        }
        let limit = try query.integer("limit", atLeast: 1) ?? 10
        let matches = SearchGazetteer(gazetteer: gazetteer).run(text, limit: min(limit, 100))
        return Self.json(Array(try JSONOutput.data(matches)))
    }

    /// Reads the article, then extracts and stores it while its client is there to be answered.
    func postArticle(_ request: Request, context: APIRequestContext) async throws -> Response {
        // Refused before the body is read or an extraction slot taken: nothing could be stored.
        if let reason = StoreWrites.refusal(by: store) { throw APIError.readOnlyStore(location: store.location, reason: reason) }
        let article = try await readArticle(request, context: context)
        let stored = try await context.cancellingIfClientLeaves { try await self.extractAndStore(article) }
        return try ArticleAnswer(stored).response()
    }

    /// The posted article, decoded from a body of at most the context's `maxUploadSize`.
    func readArticle(_ request: Request, context: APIRequestContext) async throws -> Article {
        _ = try QueryParameters(request, allowed: [])
        let limit = context.maxUploadSize
        // A declared length over the limit is refused before a byte of the body is read.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            if declared > limit { throw APIError.tooLarge(limit: limit) }
            if declared == 0 { throw APIError.badBody(PostedArticle.emptyBody) }
        }
        do {
            return try await request.decode(as: PostedArticle.self, context: context).article
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: limit)
        } catch let error as HTTPError where error.status == .badRequest {
            // Hummingbird's words for JSON it cannot read: ours say what to send.
            throw APIError.badBody(PostedArticle.notAnObject)
        }
    }

    /// Extracts on a thread of the ``ExtractionGate`` (503 when all are busy), then stores what
    /// has a date. Cancellation is checked before each stage and after extraction: an article
    /// whose client has gone is not stored.
    func extractAndStore(_ article: Article) async throws -> IngestArticles.Stored {
        try Self.checkClientStillThere()
        let articles = self.articles
        // The extraction's thread is told when the client goes, and stops at its next sentence.
        let clientLeft = NIOLockedValueBox(false)
        let extracted = try await withTaskCancellationHandler {
            try await extractions.run { articles.extract(article, isCancelled: { clientLeft.withLockedValue { $0 } }) }
        } onCancel: {
            clientLeft.withLockedValue { $0 = true }
        }
        try Self.checkClientStillThere()
        do {
            return try await NIOThreadPool.singleton.runIfActive { try articles.store(extracted) }
        } catch {
            // A store that became unwritable since the server started (a disk that filled, a
            // remount, a standby): said as plainly as one that was read-only from the start.
            guard let reason = StoreWrites.refusal(in: error) else { throw error }
            throw APIError.readOnlyStore(location: store.location, reason: reason)
        }
    }

    static func checkClientStillThere() throws {
        if Task.isCancelled { throw APIError.clientLeft }
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension OutputFormat {
    /// The media type each format is served as.
    var mediaType: String {
        switch self {
        case .geojson: return "application/geo+json"
        case .geojsonseq: return "application/geo+json-seq"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .json: return "application/json"
        }
    }
}

/// The formats `/incidents` serves: the export formats, and `rows`, the compact JSON the map
/// page reads.
enum ServedFormat {
    case export(OutputFormat)
    case rows

    func writer(to sink: ByteSink) -> any IncidentWriter {
        switch self {
        case .export(let format): return format.writer(to: sink)
        case .rows: return MapRowsWriter(sink: sink)
        }
    }

    var mediaType: String {
        switch self {
        case .export(let format): return format.mediaType
        case .rows: return "application/json"
        }
    }
}
