import Extraction
import Foundation
import Gazetteer
import GeoJSON
import Hummingbird
import HummingbirdCore
import IncidentMapCore
import IncidentStore
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

/// The HTTP API and live map over an `IncidentStore`:
///
/// - `GET /incidents?bbox=&since=&until=&type=&format=geojson|geojsonseq|csv|json|rows`, streamed
/// - `GET /near?lat=&lon=&radius=` or `GET /near?place=NAME&radius=`
/// - `GET /gazetteer/search?q=`
/// - `POST /articles` (JSON `{text, published, source, url, language}`): extract, store, answer
///   with the incidents found
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
    let store: IncidentStore
    let configuration: ServerConfiguration
    let extractor: IncidentExtractor
    let gazetteer: Gazetteer
    /// The live page, encoded once (about 600 kB with Leaflet inlined).
    let page: ByteBuffer
    let extractions: ExtractionGate
    let connections = NIOLockedValueBox(0)

    /// The `POST /articles` extractions running now (for health checks and tests).
    public var extractionsInProgress: Int { extractions.inProgress }
    /// The connections open now (for health checks and tests).
    public var openConnections: Int { connections.withLockedValue { $0 } }

    public init(store: IncidentStore, configuration: ServerConfiguration, assets: MapAssets, title: String = "incidentmap") throws {
        self.store = store
        self.configuration = configuration
        gazetteer = try store.gazetteer()
        extractor = try IncidentExtractor(gazetteer: gazetteer)
        page = ByteBuffer(string: try MapPage(title: title, labels: MapPage.mainLabels(in: gazetteer), assets: assets).liveHTML())
        extractions = ExtractionGate(limit: configuration.maxConcurrentExtractions)
    }

    /// The Hummingbird application; `runService()` runs it until SIGINT or SIGTERM and then
    /// lets requests in flight finish. `onRunning` gets the bound port (useful with port 0).
    public func application(logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: APIErrorMiddleware())
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
        var filter = IncidentFilter()
        filter.since = try query.date("since")
        filter.until = try query.date("until")
        if let bbox = query.value("bbox") {
            do { filter.boundingBox = try BoundingBox(parsing: bbox) } catch {
                throw APIError.badParameter("bbox", String(describing: error))
            }
        }
        for name in query.values("type").flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let type = EventType(acledName: name) else {
                throw APIError.badParameter("type", "'\(name)' is not an ACLED event type: use one of "
                                            + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            filter.eventTypes.insert(type)
        }
        if let since = filter.since, let until = filter.until, since > until {
            throw APIError.badParameter("since", "\(since) is after until (\(until))")
        }
        let format = try query.format()
        let store = self.store
        let pageSize = configuration.pageSize
        var headers = HTTPFields()
        headers[.contentType] = format.mediaType
        let filterInForce = filter
        let body = ResponseBody { writer in
            let encoder = PagedEncoder(format: format)
            try encoder.begin()
            var cursor: Int64? = 0
            while let from = cursor {
                let (next, bytes) = try await NIOThreadPool.singleton.runIfActive {
                    try encoder.encodePage(of: store, matching: filterInForce, after: from, limit: pageSize)
                }
                cursor = next
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
        let centre: Coordinate
        if let name = query.value("place") {
            if query.value("lat") != nil || query.value("lon") != nil {
                throw APIError.badParameter("place", "give either place or lat and lon, not both")
            }
            do { centre = try gazetteer.place(named: name).place.coordinate } catch {
                throw APIError.badParameter("place", String(describing: error))
            }
        } else {
            guard let latitude = try query.number("lat") else { throw APIError.badParameter("lat", "missing: give lat and lon, or place") }
            guard let longitude = try query.number("lon") else { throw APIError.badParameter("lon", "missing: give lat and lon, or place") }
            guard (-90...90).contains(latitude) else { throw APIError.badParameter("lat", "\(latitude) is not between -90 and 90") }
            guard (-180...180).contains(longitude) else { throw APIError.badParameter("lon", "\(longitude) is not between -180 and 180") }
            centre = try Coordinate(latitude: latitude, longitude: longitude)
        }
        let store = self.store
        let bytes = try await NIOThreadPool.singleton.runIfActive {
            let sink = ByteSink.inMemory()
            let writer = GeoJSONWriter(sink: sink)
            try writer.begin(extraColumns: ["distance_m"])
            try store.forEachRow(near: centre, within: radius, limit: limit) { row, distance in
                try writer.write(columns: row, extra: [distance])
            }
            try writer.finish()
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
        let json = try SearchResult.json(gazetteer.search(text, limit: min(limit, 100)), pretty: false)
        return Self.json(Array(json.utf8))
    }

    /// Reads the article, then extracts and stores it while its client is there to be answered.
    func postArticle(_ request: Request, context: APIRequestContext) async throws -> Response {
        let article = try await readArticle(request)
        return try await context.cancellingIfClientLeaves { try await self.extractAndStore(article) }.response()
    }

    func readArticle(_ request: Request) async throws -> Article {
        _ = try QueryParameters(request, allowed: [])
        // A declared length over the limit is refused before a byte of the body is read.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > configuration.maxBodyBytes {
            throw APIError.tooLarge(limit: configuration.maxBodyBytes)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: configuration.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: configuration.maxBodyBytes)
        }
        return try PostedArticle(json: Data(buffer: body)).article
    }

    /// Extracts on a thread of the ``ExtractionGate`` (503 when all are busy), then stores what
    /// has a date. Cancellation is checked before each stage and after extraction: an article
    /// whose client has gone is not stored.
    func extractAndStore(_ article: Article) async throws -> StoredArticle {
        try Self.checkClientStillThere()
        let extractor = self.extractor
        // The extraction's thread is told when the client goes, and stops at its next sentence.
        let clientLeft = NIOLockedValueBox(false)
        let extracted = try await withTaskCancellationHandler {
            try await extractions.run { extractor.extract(article, isCancelled: { clientLeft.withLockedValue { $0 } }) }
        } onCancel: {
            clientLeft.withLockedValue { $0 = true }
        }
        try Self.checkClientStillThere()
        let store = self.store
        return try await NIOThreadPool.singleton.runIfActive {
            var stored: [Incident] = []
            var undated: [ExtractedIncident] = []
            let summary = try store.ingest { batch in
                for incident in extracted {
                    if let complete = incident.incident() {
                        _ = try batch.addOrMerge(complete)
                        stored.append(complete)
                    } else {
                        undated.append(incident)
                    }
                }
            }
            return StoredArticle(summary: summary, stored: stored, undated: undated)
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

/// What `POST /articles` stored, and its answer: the counts, the incidents left undated and why,
/// and the stored incidents as GeoJSON.
struct StoredArticle: Sendable {
    let summary: IngestSummary
    let stored: [Incident]
    let undated: [ExtractedIncident]

    func response() throws -> Response {
        var answer: [UInt8] = []
        answer.append(contentsOf: "{\"added\":\(summary.added),\"merged\":\(summary.merged),\"unchanged\":\(summary.alreadyPresent),".utf8)
        answer.append(contentsOf: "\"undated\":".utf8)
        let reasons = undated.map { ["event_type": $0.eventType.rawValue, "location": $0.place.nameEnglish,
                                     "reason": $0.dateProblem ?? "no date"] }
        answer.append(contentsOf: (try? JSONSerialization.data(withJSONObject: reasons, options: [.sortedKeys])) ?? Data("[]".utf8))
        answer.append(contentsOf: ",\"incidents\":".utf8)
        let sink = ByteSink.inMemory()
        let writer = GeoJSONWriter(sink: sink)
        try writer.begin(extraColumns: [])
        for incident in stored { try writer.write(incident, extra: []) }
        try writer.finish()
        answer.append(contentsOf: sink.drain())
        answer.append(contentsOf: "}\n".utf8)
        return IncidentServer.json(answer, status: stored.isEmpty ? .ok : .created)
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

/// Encodes a streamed answer a page of incidents at a time into memory.
///
/// `@unchecked Sendable`: the writer and its sink are used by one page at a time, each page
/// awaited before the next starts, so they are never touched from two threads at once.
final class PagedEncoder: @unchecked Sendable {
    private let sink = ByteSink.inMemory()
    private let writer: any IncidentWriter

    init(format: ServedFormat) { writer = format.writer(to: sink) }

    func begin() throws { try writer.begin(extraColumns: []) }

    /// Encodes one page; returns the next page's cursor (`nil` after the last) and the bytes.
    func encodePage(of store: IncidentStore, matching filter: IncidentFilter, after cursor: Int64, limit: Int) throws -> (Int64?, [UInt8]) {
        let next = try store.forEachRow(matching: filter, after: cursor, limit: limit) { row in
            try writer.write(columns: row, extra: [])
        }
        if next == nil { try writer.finish() }
        return (next, sink.drain())
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
