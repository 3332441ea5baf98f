import Foundation
import Hummingbird
import HummingbirdCore
import IncidentMapKit
import NIOCore

/// A request the API refuses: an `HTTPResponseError` that answers with its status and the JSON
/// `{"error": …, "parameter": …}` that names what was wrong.
enum APIError: Error, Equatable, HTTPResponseError {
    /// 400: `parameter` is missing or wrong.
    case badParameter(String, String)
    /// 400: the body is not what the route takes.
    case badBody(String)
    /// 404: no route answers the method and path.
    case noSuchRoute(method: String, path: String)
    /// 413: the body is larger than the server accepts.
    case tooLarge(limit: Int)
    /// 503: every extraction slot is taken; try again after the given seconds.
    case busy(retryAfterSeconds: Int)
    /// 400: the bytes sent are not an HTTP/1.1 request (`reason`: the parser's words); the
    /// connection is closed after the answer.
    case malformedRequest(String)
    /// 431: the request line and headers together are larger than the server reads (80 kB,
    /// NIO's limit); the connection is closed after the answer.
    case headTooLarge
    /// 503: the store cannot be written (`reason` says why), so no article is stored; every
    /// reading route still answers.
    case readOnlyStore(location: String, reason: String)
    /// 499 (nginx's "client closed request"): the client went before its answer, whose work
    /// was cancelled. Logged; the client is not there to read it.
    case clientLeft
    /// Another status Hummingbird gave (a method the route does not take …), with its words.
    case other(HTTPResponse.Status, String)
    /// 500: something failed that should not have; logged.
    case failed(String)

    var status: HTTPResponse.Status {
        switch self {
        case .badParameter, .badBody, .malformedRequest: return .badRequest
        case .headTooLarge: return .init(code: 431, reasonPhrase: "Request Header Fields Too Large")
        case .noSuchRoute: return .notFound
        case .tooLarge: return .contentTooLarge
        case .busy, .readOnlyStore: return .serviceUnavailable
        case .clientLeft: return HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
        case .other(let status, _): return status
        case .failed: return .internalServerError
        }
    }

    /// The JSON body of the answer.
    struct Body: Codable, Equatable {
        var error: String
        /// The query parameter or body field that was wrong, where one was.
        var parameter: String?
    }

    var body: Body {
        switch self {
        case .badParameter(let name, let reason): return Body(error: "\(name): \(reason)", parameter: name)
        case .badBody(let reason): return Body(error: reason)
        case .noSuchRoute(let method, let path):
            return Body(error: "no such route: \(method) \(path) (the API has GET /, /incidents, /near, /gazetteer/search and POST /articles)")
        case .tooLarge(let limit):
            return Body(error: "the request body is larger than \(limit) bytes: send a shorter article, or start serve with a larger --max-body")
        case .busy(let seconds):
            return Body(error: "every extraction slot is busy: send the article again in \(seconds) s (serve --max-extractions sets how many run at once)")
        case .malformedRequest(let reason):
            return Body(error: "the request is not well-formed HTTP/1.1 (\(reason)): send a request line, headers and a body as RFC 9112 sets them out")
        case .headTooLarge:
            return Body(error: "the request line and headers are larger than 80 kB: send a shorter query string (every parameter of the API is short)")
        case .readOnlyStore(let location, let reason):
            return Body(error: "the store \(location) cannot be written (\(reason)), so this server stores no articles: "
                + "GET /, /incidents, /near and /gazetteer/search still answer; to add articles, serve a writable copy of the store (serve --db COPY)")
        case .clientLeft:
            return Body(error: "the client closed the connection before the answer: the work was cancelled and nothing stored")
        case .other(_, let message), .failed(let message):
            return Body(error: message)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: bodyBytes))
    }

    /// The answer's headers: JSON, and `Retry-After` when busy.
    var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if case .busy(let seconds) = self { headers[.retryAfter] = String(seconds) }
        return headers
    }

    /// The answer's body: ``body`` as one line of JSON.
    var bodyBytes: ByteBuffer {
        let json = (try? JSONOutput.data(body)) ?? Data()
        return ByteBuffer(bytes: json + Data("\n".utf8))
    }
}

/// Sets the body limit `request.decode` keeps to, and turns every error a route or Hummingbird
/// throws into an ``APIError``, so that every refusal is answered in the same JSON shape.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    /// ``ServerConfiguration/maxBodyBytes``.
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = maxBodyBytes
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: maxBodyBytes)
        } catch let error as HTTPError {
            if error.status == .notFound { throw APIError.noSuchRoute(method: request.method.rawValue, path: request.uri.path) }
            throw APIError.other(error.status, error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("\(request.method.rawValue) \(request.uri): \(error)")
            throw APIError.failed(String(describing: error))
        }
    }
}
