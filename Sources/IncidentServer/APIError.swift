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
    /// 499 (nginx's "client closed request"): the client went before its answer, whose work
    /// was cancelled. Logged; the client is not there to read it.
    case clientLeft
    /// Another status Hummingbird gave (a method the route does not take …), with its words.
    case other(HTTPResponse.Status, String)
    /// 500: something failed that should not have; logged.
    case failed(String)

    var status: HTTPResponse.Status {
        switch self {
        case .badParameter, .badBody: return .badRequest
        case .noSuchRoute: return .notFound
        case .tooLarge: return .contentTooLarge
        case .busy: return .serviceUnavailable
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
        case .clientLeft:
            return Body(error: "the client closed the connection before the answer: the work was cancelled and nothing stored")
        case .other(_, let message), .failed(let message):
            return Body(error: message)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if case .busy(let seconds) = self { headers[.retryAfter] = String(seconds) }
        let json = (try? JSONOutput.data(body)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json + Data("\n".utf8))))
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
