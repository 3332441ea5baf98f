import Extraction
import Foundation
import GeoJSON
import Hummingbird
import HummingbirdCore
import IncidentMapCore
import Logging
import NIOCore

/// The request context: Hummingbird's basic one, and the connection the request came on, so
/// that its work can be cancelled when the client goes.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    public init(source: Source) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Runs `work` in a task that is cancelled when the client closes its side of the
    /// connection (or the connection drops) before the answer, or when this request is; `work`
    /// checks for that between its stages. A cancelled request throws ``APIError/clientLeft``.
    func cancellingIfClientLeaves<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let presence = await ClientPresence.of(channel)
        let task = Task { try await work() }
        presence?.onLeave { task.cancel() }
        defer { presence?.forget() }
        do {
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch is CancellationError {
            throw APIError.clientLeft
        }
    }
}

/// A request the API refuses, with the status and the JSON error it is answered with.
enum APIError: Error, Equatable {
    /// 400: `parameter` is missing or wrong.
    case badParameter(String, String)
    /// 400: the body is not what the route takes.
    case badBody(String)
    /// 413: the body is larger than the server accepts.
    case tooLarge(limit: Int)
    /// 503: every extraction slot is taken; try again after the given seconds.
    case busy(retryAfterSeconds: Int)
    /// 499 (nginx's "client closed request"): the client went before its answer, whose work
    /// was cancelled. Logged; the client is not there to read it.
    case clientLeft

    var status: HTTPResponse.Status {
        switch self {
        case .badParameter, .badBody: return .badRequest
        case .tooLarge: return .contentTooLarge
        case .busy: return .serviceUnavailable
        case .clientLeft: return HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
        }
    }

    /// Headers the answer carries besides its content type.
    var headers: HTTPFields {
        guard case .busy(let seconds) = self else { return [:] }
        return [.retryAfter: String(seconds)]
    }

    var json: [String: Any] {
        switch self {
        case .badParameter(let name, let reason): return ["error": "\(name): \(reason)", "parameter": name]
        case .badBody(let reason): return ["error": reason]
        case .tooLarge(let limit):
            return ["error": "the request body is larger than \(limit) bytes: send a shorter article, or start serve with a larger --max-body"]
        case .busy(let seconds):
            return ["error": "every extraction slot is busy: send the article again in \(seconds) s (serve --max-extractions sets how many run at once)"]
        case .clientLeft:
            return ["error": "the client closed the connection before the answer: the work was cancelled and nothing stored"]
        }
    }
}

/// Answers refused requests with JSON that names what was wrong (`{"error": …, "parameter": …}`),
/// and turns Hummingbird's own HTTP errors (404, 413 …) into the same JSON shape.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Self.response(error.status, error.json, headers: error.headers)
        } catch let error as HTTPError {
            let message = error.status == .notFound
                ? "no such route: \(request.method.rawValue) \(request.uri.path) (the API has GET /, /incidents, /near, /gazetteer/search and POST /articles)"
                : (error.body ?? error.status.reasonPhrase)
            return Self.response(error.status, ["error": message])
        } catch {
            context.logger.error("\(request.method.rawValue) \(request.uri): \(error)")
            return Self.response(.internalServerError, ["error": String(describing: error)])
        }
    }

    static func response(_ status: HTTPResponse.Status, _ object: [String: Any], headers extra: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}

/// One log line per request, once its answer is known: method, path and query, status, time.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? HTTPError)?.status.code ?? 500
            log(request, context: context, status: status, since: start)
            throw error
        }
    }

    func log(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method.rawValue) \(request.uri) \(status) \(String(format: "%.1f", milliseconds)) ms")
    }
}

/// A request's query parameters, checked against the names a route takes, so that a typo
/// (`radius_km=`) is a 400 that says so rather than a silently ignored filter.
struct QueryParameters {
    let parameters: FlatDictionary<Substring, Substring>

    init(_ request: Request, allowed: Set<String>) throws {
        parameters = request.uri.queryParameters
        for (key, _) in parameters where !allowed.contains(String(key)) {
            let known = allowed.isEmpty ? "this route takes none" : "known: " + allowed.sorted().joined(separator: ", ")
            throw APIError.badParameter(String(key), "unknown parameter (\(known))")
        }
    }

    func value(_ name: String) -> String? {
        parameters[Substring(name)].map(String.init)
    }

    func values(_ name: String) -> [String] {
        parameters[values: Substring(name)].map(String.init)
    }

    func date(_ name: String) throws -> IncidentDate? {
        guard let text = value(name) else { return nil }
        do { return try IncidentDate(parsing: text) } catch {
            throw APIError.badParameter(name, String(describing: error))
        }
    }

    func number(_ name: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite else {
            throw APIError.badParameter(name, "'\(text)' is not a number")
        }
        return number
    }

    func integer(_ name: String, atLeast minimum: Int) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw APIError.badParameter(name, "'\(text)' is not a whole number of \(minimum) or more")
        }
        return number
    }

    /// A length with a unit (`10km`, `500m`, `3mi`); a bare number is metres.
    func length(_ name: String) throws -> Length? {
        guard let text = value(name) else { return nil }
        if let metres = Double(text) {
            guard metres.isFinite, metres > 0 else { throw APIError.badParameter(name, "'\(text)' must be more than 0") }
            return Length(metres: metres)
        }
        do {
            let length = try Length(parsing: text)
            guard length.metres > 0 else { throw APIError.badParameter(name, "'\(text)' must be more than 0") }
            return length
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badParameter(name, String(describing: error))
        }
    }

    func format() throws -> ServedFormat {
        guard let text = value("format") else { return .export(.geojson) }
        if text == "rows" { return .rows }
        guard let format = OutputFormat(rawValue: text) else {
            throw APIError.badParameter("format", "'\(text)' is not a format: use geojson, geojsonseq, csv, json or rows")
        }
        return .export(format)
    }
}

/// The body of `POST /articles`: `{"text": …, "published": "YYYY-MM-DD", "source": …, "url": …,
/// "language": "ar"|"en"}`; only `text` is required.
struct PostedArticle {
    var article: Article

    init(json: Data) throws {
        guard !json.isEmpty else {
            throw APIError.badBody("the body is empty: send JSON {\"text\": …, \"published\": \"YYYY-MM-DD\", \"source\": …, \"url\": …}")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw APIError.badBody("the body is not a JSON object: send {\"text\": …, \"published\": \"YYYY-MM-DD\", \"source\": …, \"url\": …}")
        }
        let known: Set<String> = ["text", "published", "source", "url", "language"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.badParameter(unknown, "unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        func string(_ name: String) throws -> String? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw APIError.badParameter(name, "must be a string") }
            return text
        }
        guard let text = try string("text"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badParameter("text", "missing or empty: the article's text is required")
        }
        var published: IncidentDate?
        if let date = try string("published") {
            do { published = try IncidentDate(parsing: date) } catch {
                throw APIError.badParameter("published", String(describing: error))
            }
        }
        let language = try string("language")
        if let language, !["ar", "en"].contains(language) {
            throw APIError.badParameter("language", "'\(language)' is not ar or en")
        }
        article = Article(text: text, published: published, source: try string("source"), url: try string("url"),
                          language: language)
    }
}
