import Foundation
import NIOCore
import NIOPosix

/// A raw TCP connection to the server on loopback: it writes exactly what a test gives it (half
/// a request, or nothing at all) and reads what comes back, which Hummingbird's test client,
/// one well-behaved request at a time, cannot do.
///
/// ```swift
/// try await LoopbackConnection.open(port: port) { connection in
///     try await connection.send("GET /incidents HTTP/1.1\r\nHost: localhost\r\n")
///     let closed = try await connection.readUntilClosed()
/// }
/// ```
struct LoopbackConnection: ~Copyable {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Bytes read past the last response handed out.
    private var pending = ByteBuffer()
    /// When the connection was made.
    let openedAt: ContinuousClock.Instant

    /// A response read off the wire: the status, the headers (names lowercased) and the body.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    enum Failure: Error {
        case closedBeforeResponse(String)
        case malformed(String)
    }

    /// Connects to 127.0.0.1:`port`, runs `body`, and closes the connection after.
    static func open<Value>(port: Int, _ body: (inout LoopbackConnection) async throws -> Value) async throws -> Value {
        let openedAt = ContinuousClock.now
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = LoopbackConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound, openedAt: openedAt)
            return try await body(&connection)
        }
    }

    private init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
                 outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, openedAt: ContinuousClock.Instant) {
        self.inbound = inbound
        self.outbound = outbound
        self.openedAt = openedAt
    }

    func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Reads until the server closes the connection (or resets it); returns what came, and when
    /// the connection was found closed.
    mutating func readUntilClosed() async throws -> (bytes: Data, closedAt: ContinuousClock.Instant) {
        do {
            while var buffer = try await inbound.next() { pending.writeBuffer(&buffer) }
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            // A reset is a close too.
        }
        let bytes = Data(buffer: pending)
        pending.clear()
        return (bytes, ContinuousClock.now)
    }

    /// Reads one response whose body has a Content-Length (every answer but a streamed one).
    mutating func readResponse() async throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.readableBytesView.firstRange(of: separator).map { $0.upperBound - pending.readerIndex }
            if headEnd == nil { try await readMore() }
        }
        let head = pending.readString(length: headEnd!) ?? ""
        let (status, headers) = try Self.parse(head: head)
        guard let length = headers["content-length"].flatMap({ Int($0) }) else {
            throw Failure.malformed("no Content-Length in \(head)")
        }
        while pending.readableBytes < length { try await readMore() }
        let body = Data(pending.readBytes(length: length) ?? [])
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads the answer to a `Connection: close` request: everything until the server closes.
    mutating func readClosingResponse() async throws -> Response {
        let (bytes, _) = try await readUntilClosed()
        guard let split = bytes.firstRange(of: Data("\r\n\r\n".utf8)),
              let head = String(data: bytes[..<split.lowerBound], encoding: .utf8) else {
            throw Failure.closedBeforeResponse(String(decoding: bytes.prefix(200), as: UTF8.self))
        }
        let (status, headers) = try Self.parse(head: head)
        var body = Data(bytes[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = try Self.dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    /// The status and headers (names lowercased) of a response head.
    static func parse(head: String) throws -> (status: Int, headers: [String: String]) {
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw Failure.malformed(head) }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.malformed(head) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed(head) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers)
    }

    /// A chunked body's content; throws unless it ends with the last, empty chunk.
    static func dechunk(_ chunked: Data) throws -> Data {
        var content = Data()
        var rest = chunked[...]
        while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
            guard let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
                  rest.distance(from: lineEnd.upperBound, to: rest.endIndex) >= size + 2 else { break }
            if size == 0 { return content }
            let start = lineEnd.upperBound
            content.append(rest[start..<rest.index(start, offsetBy: size)])
            rest = rest[rest.index(start, offsetBy: size + 2)...]
        }
        throw Failure.malformed("a chunked body that does not end with its last chunk")
    }

    private mutating func readMore() async throws {
        guard var buffer = try await inbound.next() else {
            throw Failure.closedBeforeResponse(String(buffer: pending))
        }
        pending.writeBuffer(&buffer)
    }
}
