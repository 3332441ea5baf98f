import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

// What keeps one client from holding the server: a deadline for a request's head, a watch for a
// client that goes away mid-request, and a count of open connections. Hummingbird's own idle
// timeout (HTTP1Channel.Configuration.idleTimeout) closes connections that sit between requests.

/// Whether the client of one connection is still there, so that a request's work can be
/// cancelled when it goes. Shared between the connection's ``ConnectionGuard`` (on its event
/// loop) and the request being answered (on any thread).
///
/// ```swift
/// presence.onLeave { task.cancel() }
/// defer { presence.forget() }
/// ```
final class ClientPresence: Sendable {
    private enum State {
        case present(onLeave: (@Sendable () -> Void)?)
        case gone
    }

    private let state = NIOLockedValueBox(State.present(onLeave: nil))

    /// Whether the client has closed its side of the connection.
    var isGone: Bool {
        state.withLockedValue { if case .gone = $0 { return true } else { return false } }
    }

    /// Called when the client closes its side or the connection drops: runs the action waiting.
    func clientLeft() {
        let action = state.withLockedValue { state -> (@Sendable () -> Void)? in
            guard case .present(let action) = state else { return nil }
            state = .gone
            return action
        }
        action?()
    }

    /// Runs `action` when the client leaves, at once if it has already; replaces an earlier one
    /// (a connection answers one request at a time).
    func onLeave(_ action: @escaping @Sendable () -> Void) {
        let leftAlready = state.withLockedValue { state -> Bool in
            guard case .present = state else { return true }
            state = .present(onLeave: action)
            return false
        }
        if leftAlready { action() }
    }

    /// Drops the waiting action once its request is answered.
    func forget() {
        state.withLockedValue { state in
            if case .present = state { state = .present(onLeave: nil) }
        }
    }

    /// The presence of the client on `channel`, or `nil` on a channel with no ``ConnectionGuard``
    /// (Hummingbird's in-process test client has none).
    static func of(_ channel: any Channel) async -> ClientPresence? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ConnectionGuard.self).presence
        }.get()
    }
}

/// Sent inbound by ``RequestBytesSignal`` for every read from the socket, before the HTTP decoder
/// sees the bytes: how ``ConnectionGuard`` learns that a request has begun to arrive.
struct RequestBytesArrived {}

/// First in a connection's pipeline: tells ``ConnectionGuard`` (after the decoder) that bytes came.
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(RequestBytesArrived())
        context.fireChannelRead(data)
    }
}

/// After the HTTP decoder: closes a connection whose request head has not arrived whole within
/// `headerTimeout` — from the connection's opening (a silent socket), or from the first byte of
/// a later request on a kept-alive connection (half-sent headers) — and tells the connection's
/// ``ClientPresence`` when the client closes its side or the connection drops.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let headerTimeout: TimeAmount
    let logger: Logger
    let presence = ClientPresence()
    /// Request heads read whose response has not ended: while there is one, bytes that come are
    /// its body or a pipelined request, and no head deadline runs.
    private var unanswered = 0
    private var headDeadline: Scheduled<Void>?

    init(headerTimeout: TimeAmount, logger: Logger) {
        self.headerTimeout = headerTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHeadDeadline(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopHeadDeadline()
    }

    func channelActive(context: ChannelHandlerContext) {
        startHeadDeadline(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopHeadDeadline()
        presence.clientLeft()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            unanswered += 1
            stopHeadDeadline()
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is RequestBytesArrived:
            if unanswered == 0 { startHeadDeadline(context) }
        case let channelEvent as ChannelEvent where channelEvent == .inputClosed:
            // The client closed its side: with a request in progress, nobody is left to answer
            // (as Go's net/http, which cancels the request's context on EOF).
            presence.clientLeft()
            context.fireUserInboundEventTriggered(event)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Bytes that are not an HTTP/1.1 request (a head over 80 kB, a broken request line) are
    /// answered here with the API's JSON error, 431 or 400, and the connection closed; left to
    /// Hummingbird, they would get a bare 400 that says nothing. While an earlier request on the
    /// connection is being answered, no second answer may start: the error goes on to
    /// Hummingbird, which closes the connection after that answer.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let refusal: APIError = parseError == .headerOverflow ? .headTooLarge : .malformedRequest("\(parseError)")
        var headers = refusal.headers
        headers[.connection] = "close"
        let body = refusal.bodyBytes
        headers[.contentLength] = String(body.readableBytes)
        logger.debug("refused bytes that are not an HTTP request: \(parseError)")
        context.write(wrapOutboundOut(.head(HTTPResponse(status: refusal.status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A parse error is answered with no head read: never below zero.
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    private func startHeadDeadline(_ context: ChannelHandlerContext) {
        guard headDeadline == nil else { return }
        let timeout = headerTimeout
        headDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.headDeadline = nil
            self.logger.debug("closing a connection: no whole request head within \(timeout)",
                              metadata: ["remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
            context.close(promise: nil)
        }
    }

    private func stopHeadDeadline() {
        headDeadline?.cancel()
        headDeadline = nil
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}

@available(*, unavailable)
extension RequestBytesSignal: Sendable {}

/// Hummingbird's HTTP/1 channel with ``RequestBytesSignal`` first in the pipeline, ahead of the
/// HTTP decoder that Hummingbird adds: the only place that sees a request's first byte.
struct GuardedHTTP1Channel: ServerChildChannel {
    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(RequestBytesSignal())
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// The open connections, counted as Hummingbird accepts and closes them: the server stops
/// accepting at `limit` (further clients wait in the listen backlog) and goes on when one closes.
struct ConnectionLimit: AvailableConnectionsDelegate {
    let limit: Int
    let open: NIOLockedValueBox<Int>

    mutating func connectionOpened() { open.withLockedValue { $0 += 1 } }
    mutating func connectionClosed() { open.withLockedValue { $0 -= 1 } }
    func isAcceptingNewConnections() -> Bool { open.withLockedValue { $0 < limit } }
}
