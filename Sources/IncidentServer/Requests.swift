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
    /// The largest body `request.decode` collects; the server sets it from
    /// ``ServerConfiguration/maxBodyBytes`` (see `APIErrorMiddleware`).
    public var maxUploadSize: Int

    public init(source: Source) {
        coreContext = .init(source: source)
        channel = source.channel
        maxUploadSize = ServerConfiguration().maxBodyBytes
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
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
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

