import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentMapCore
import IncidentServer
import IncidentStore
import Logging
import MapPage
import Testing
import TestSupport

/// A seeded mutation fuzzer over what a client sends the server: damaged `POST /articles` bodies
/// and damaged query strings of every reading route, against a live server on loopback over a
/// real store. Every answer comes (no hang, no dropped connection), none is a 5xx, and every
/// refusal is a 4xx whose JSON body says what was wrong. A failure names the seed and the
/// mutant's number, and repeats on every machine.
// Serialized, and a few hundred requests in all: its servers share NIO's event loops and thread
// pool with the other suites' servers in this process, whose response-time bounds it must not
// stretch.
@Suite(.serialized, .timeLimit(.minutes(4))) struct MutatedRequestTests {
    let seeded: SeededStore
    var store: IncidentStore { seeded.store }

    init() throws {
        seeded = try SeededStore(named: "fuzz.sqlite", [(32.8942, 13.2761), (32.87, 13.19), (32.11, 20.07)].enumerated().map {
            TestIncidents.incident("Q\($0.offset)", $0.element.0, $0.element.1, date: "2019-04-0\($0.offset + 2)")
        })
    }

    func withServer(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let server = try IncidentServer(store: store,
                                        configuration: ServerConfiguration(port: 0, maxBodyBytes: 64 * 1024,
                                                                           idleTimeout: .seconds(300), headerTimeout: .seconds(300)),
                                        assets: try MapAssets.load())
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        try await server.application(logger: logger).test(.live, test)
    }

    /// Checks one answer: 2xx, or a 4xx with `{"error": …}`; never a 5xx.
    static func check(status: Int, body: Data, _ label: String) {
        #expect((200..<300).contains(status) || (400..<500).contains(status), "\(label): \(status) \(String(decoding: body.prefix(300), as: UTF8.self))")
        if (400..<500).contains(status) {
            let answer = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            let error = answer?["error"] as? String ?? ""
            #expect(!error.isEmpty, "\(label): \(status) without an error message")
        }
    }

    @Test func damagedArticleBodiesAreStoredOrRefusedWithA4xx() async throws {
        let article = Array(#"{"text": "شنت طائرة حربية غارة جوية على مطار معيتيقة أمس. Clashes near Gharyan on Monday.", "published": "2019-04-20", "source": "fuzz", "url": "https://example.org/a", "language": "ar"}"#.utf8)
        let seed: UInt64 = 0xA7_71C1E
        try await withServer { client in
            var mutator = Mutator(seed: seed)
            var refused = 0
            for number in 0..<80 {
                let body = mutator.mutate(article)
                let status = try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(bytes: body)) { response in
                    Self.check(status: response.status.code, body: Data(buffer: response.body), "article body, seed \(seed), mutant \(number)")
                    return response.status.code
                }
                if status >= 400 { refused += 1 }
            }
            #expect(refused >= 10, "only \(refused) of 80 damaged bodies were refused")
        }
    }

    /// Query bytes a URI may carry as they are; every other byte of a mutant is percent-escaped,
    /// so that the request line stays one line while the values are anything (a broken escape
    /// such as `%C3` or `%ZZ` is kept as the mutant made it).
    static let keptInQueries = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~&=%,:+".utf8)

    static func escapedQuery(_ bytes: [UInt8]) -> String {
        bytes.map { keptInQueries.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }

    @Test(arguments: [
        "/incidents?bbox=13.0,32.5,13.5,33.0&since=2019-04-01&until=2019-04-30&type=Battles,Riots&format=geojson",
        "/incidents?format=csv&type=Explosions/Remote%20violence",
        "/near?lat=32.8942&lon=13.2761&radius=10km&limit=5",
        "/near?place=Mitiga&radius=5.5km",
        "/gazetteer/search?q=%D9%85%D8%B9%D9%8A%D8%AA%D9%8A%D9%82%D8%A9&limit=3",
    ])
    func damagedQueryStringsAreAnsweredOrRefusedWithA4xx(uri: String) async throws {
        let parts = uri.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts[0], query = Array(parts[1].utf8)
        let seed = UInt64(0x9E_77 + uri.utf8.count)
        try await withServer { client in
            var mutator = Mutator(seed: seed)
            var refused = 0
            let port = try #require(client.port)
            for number in 0..<50 {
                let mutated = path + "?" + Self.escapedQuery(mutator.mutate(query))
                // A connection of its own for each: an answer to a head too large closes it.
                let response = try await LoopbackConnection.open(port: port) { connection in
                    try await connection.send("GET \(mutated) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    return try await connection.readClosingResponse()
                }
                Self.check(status: response.status, body: response.body,
                           "\(uri), seed \(seed), mutant \(number) (\(mutated.utf8.count) bytes: \(mutated.prefix(200)))")
                if response.status >= 400 { refused += 1 }
            }
            #expect(refused >= 5, "\(uri): only \(refused) of 50 damaged queries were refused")
        }
    }
}

extension MutatedRequestTests {
    /// What the fuzzer found: a query string longer than NIO's 80 kB head limit got a bare 400
    /// with no body from Hummingbird. It is 431 with the API's JSON now, and a broken request
    /// line 400 with it.
    @Test(arguments: [
        ("GET /incidents?type=" + String(repeating: "%22", count: 30_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 431, "larger than 80 kB"),
        ("GET /inci dents HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "not well-formed HTTP/1.1"),
        ("\u{0}\u{1}\u{2} garbage\r\n\r\n", 400, "not well-formed HTTP/1.1"),
    ])
    func bytesThatAreNotARequestGetTheAPIsJSONError(request: String, status: Int, words: String) async throws {
        try await withServer { client in
            let port = try #require(client.port)
            let response = try await LoopbackConnection.open(port: port) { connection in
                try await connection.send(request)
                return try await connection.readClosingResponse()
            }
            #expect(response.status == status)
            #expect(response.headers["connection"] == "close")
            let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            #expect((answer?["error"] as? String)?.contains(words) == true, "\(String(decoding: response.body, as: UTF8.self))")
        }
    }
}
