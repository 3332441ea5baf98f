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

/// The HTTP API as a client sees it: a live server on loopback over a real SpatiaLite store.
@Suite struct APITests {
    let folder: TemporaryFolder
    let store: IncidentStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IncidentStore(path: folder.path + "/api.sqlite")
        // Around Tripoli, a few in Benghazi, dates over a week, two event types.
        let places: [(Double, Double)] = [(32.8942, 13.2761), (32.69, 13.16), (32.68, 13.18), (32.87, 13.19), (32.11, 20.07), (32.12, 20.09)]
        _ = try store.ingest { batch in
            for (index, place) in places.enumerated() {
                try batch.add(Incident(eventID: "T\(index)", eventDate: try IncidentDate(parsing: "2019-04-0\(index + 2)"),
                                       eventType: index.isMultiple(of: 2) ? .battles : .explosionsRemoteViolence,
                                       location: "place \(index)", coordinate: try Coordinate(latitude: place.0, longitude: place.1),
                                       notes: "a <script> note & \"quotes\"", locationArabic: "مكان"))
            }
        }
    }

    func withServer<Value: Sendable>(maxBody: Int = 1 << 20, pageSize: Int = 2000,
                                     _ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let server = try IncidentServer(store: store,
                                        configuration: ServerConfiguration(port: 0, maxBodyBytes: maxBody, pageSize: pageSize,
                                                                                   // The test client connects before its first
                                                                                   // request, which a loaded CI host can delay past
                                                                                   // the 10 s header bound (ResponsivenessTests
                                                                                   // pin the bounds themselves).
                                                                                   idleTimeout: .seconds(300), headerTimeout: .seconds(300)),
                                        assets: try MapAssets.load())
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return try await server.application(logger: logger).test(.live, test)
    }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body ?? ByteBuffer()))
    }

    /// The ids of a FeatureCollection's features; records an issue when the body is not one.
    static func featureIDs(_ response: TestResponse) -> [String] {
        guard let collection = (try? json(response)) as? [String: Any],
              let features = collection["features"] as? [[String: Any]] else {
            Issue.record("not a FeatureCollection: \(String(buffer: response.body ?? ByteBuffer()).prefix(200))")
            return []
        }
        return features.compactMap { $0["id"] as? String }
    }

    @Test func incidentsStreamEveryStoredIncidentAcrossPages() async throws {
        let expected = try store.count()
        try await withServer(pageSize: 4) { client in
            try await client.execute(uri: "/incidents", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/geo+json")
                #expect(Self.featureIDs(response).sorted() == (0..<expected).map { "T\($0)" })
            }
            try await client.execute(uri: "/incidents?format=geojsonseq", method: .get) { response in
                let lines = String(buffer: response.body ?? ByteBuffer()).split(separator: "\n")
                #expect(lines.count == expected)
            }
            try await client.execute(uri: "/incidents?format=csv", method: .get) { response in
                let lines = String(buffer: response.body ?? ByteBuffer()).split(separator: "\n")
                #expect(lines.count == expected + 1)
                #expect(lines.first?.hasPrefix("event_id_cnty,event_date") == true)
            }
            try await client.execute(uri: "/incidents?format=rows", method: .get) { response in
                let body = String(buffer: response.body ?? ByteBuffer())
                #expect(!body.contains("<script>"), "a < in the data must be escaped for the page")
                let rows = try #require(try Self.json(response) as? [String: Any])
                #expect((rows["rows"] as? [Any])?.count == expected)
            }
        }
    }

    @Test func incidentsTakeTheExportFilters() async throws {
        try await withServer { client in
            try await client.execute(uri: "/incidents?bbox=19,31,21,33", method: .get) { response in
                #expect(Self.featureIDs(response).sorted() == ["T4", "T5"])
            }
            try await client.execute(uri: "/incidents?since=2019-04-03&until=2019-04-05&type=Battles", method: .get) { response in
                #expect(Self.featureIDs(response).sorted() == ["T2"])
            }
            try await client.execute(uri: "/incidents?type=Battles&type=Explosions%2FRemote%20violence&since=2019-04-07", method: .get) { response in
                #expect(Self.featureIDs(response).sorted() == ["T5"])
            }
        }
    }

    @Test(arguments: [
        ("/incidents?since=2019-13-01", "since"),
        ("/incidents?bbox=13,32", "bbox"),
        ("/incidents?type=Skirmish", "type"),
        ("/incidents?format=xml", "format"),
        ("/incidents?since=2019-04-09&until=2019-04-01", "since"),
        ("/incidents?sinse=2019-04-01", "sinse"),
        ("/near?lon=13", "lat"),
        ("/near?lat=95&lon=13", "lat"),
        ("/near?lat=32&lon=abc", "lon"),
        ("/near?lat=32&lon=13&radius=-5km", "radius"),
        ("/near?lat=32&lon=13&radius=10furlongs", "radius"),
        ("/near?lat=32&lon=13&limit=0", "limit"),
        ("/near?place=Atlantis", "place"),
        ("/gazetteer/search", "q"),
    ])
    func badParametersGet400NamingTheParameter(uri: String, parameter: String) async throws {
        try await withServer { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest, "\(uri)")
                let body = try #require(try Self.json(response) as? [String: Any])
                #expect(body["parameter"] as? String == parameter, "\(uri)")
                #expect((body["error"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func nearGivesTheStoresAnswerNearestFirst() async throws {
        let centre = try Coordinate(latitude: 32.8, longitude: 13.2)
        let expected = try store.incidents(near: centre, within: Length(metres: 20_000)).map(\.incident.eventID)
        #expect(expected.count >= 2)
        try await withServer { client in
            try await client.execute(uri: "/near?lat=32.8&lon=13.2&radius=20km", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.featureIDs(response) == expected)
                let collection = try #require(try Self.json(response) as? [String: Any])
                let distances = (collection["features"] as? [[String: Any]])?.compactMap { ($0["properties"] as? [String: Any])?["distance_m"] as? Double }
                #expect(distances == distances?.sorted())
            }
            // A bare number is metres.
            try await client.execute(uri: "/near?lat=32.8&lon=13.2&radius=20000&limit=1", method: .get) { response in
                #expect(Self.featureIDs(response) == Array(expected.prefix(1)))
            }
            // A place name, as `incidentmap near Mitiga`.
            try await client.execute(uri: "/near?place=Mitiga&radius=1km", method: .get) { response in
                #expect(Self.featureIDs(response) == ["T0"])
            }
        }
    }

    @Test func gazetteerSearchFindsSpellingVariants() async throws {
        try await withServer { client in
            try await client.execute(uri: "/gazetteer/search?q=Gasr%20Ben%20Gashir&limit=3", method: .get) { response in
                let results = try #require(try Self.json(response) as? [[String: Any]])
                #expect(results.first?["name_ar"] as? String == "قصر بن غشير")
                #expect(results.count <= 3)
            }
        }
    }

    @Test func postedArticleIsExtractedStoredAndReturned() async throws {
        let before = try store.count()
        let article = #"{"text": "شنت طائرة حربية غارة جوية على مطار معيتيقة أمس", "published": "2019-04-20", "source": "API test", "url": "https://example.org/a"}"#
        try await withServer { client in
            try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: article)) { response in
                #expect(response.status == .created)
                let body = try #require(try Self.json(response) as? [String: Any])
                #expect(body["added"] as? Int == 1)
                let features = try #require((body["incidents"] as? [String: Any])?["features"] as? [[String: Any]])
                let properties = try #require(features.first?["properties"] as? [String: Any])
                #expect(properties["event_date"] as? String == "2019-04-19")
                #expect(properties["sub_event_type"] as? String == "Air/drone strike")
                #expect(properties["source_url"] as? String == "https://example.org/a")
            }
            // The same article again adds nothing.
            try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: article)) { response in
                let body = try #require(try Self.json(response) as? [String: Any])
                #expect(body["added"] as? Int == 0)
            }
        }
        #expect(try store.count() == before + 1)
    }

    @Test(arguments: [
        (#"{"published": "2019-04-20"}"#, "text"),
        (#"{"text": "قصف مطار معيتيقة أمس", "published": "20 April"}"#, "published"),
        (#"{"text": "قصف مطار معيتيقة أمس", "lang": "ar"}"#, "lang"),
        (#"{"text": 5}"#, "text"),
    ])
    func refusedArticlesStoreNothing(body: String, parameter: String) async throws {
        let before = try store.count()
        try await withServer { client in
            try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let answer = try #require(try Self.json(response) as? [String: Any])
                #expect(answer["parameter"] as? String == parameter)
            }
            try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: "not json")) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try store.count() == before)
    }

    @Test func oversizedBodyGets413AndStoresNothing() async throws {
        let before = try store.count()
        let text = String(repeating: "اشتباكات في غريان أمس. ", count: 400)
        let body = #"{"text": "\#(text)", "published": "2019-04-20"}"#
        #expect(body.utf8.count > 4096)
        try await withServer(maxBody: 4096) { client in
            try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .contentTooLarge)
                let answer = try #require(try Self.json(response) as? [String: Any])
                #expect((answer["error"] as? String)?.contains("4096") == true)
            }
        }
        #expect(try store.count() == before)
    }

    @Test func readersAreAnsweredWhileAnIngestHoldsTheWriteLock() async throws {
        let writing = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let store = self.store
        let writer = Thread {
            _ = try? store.ingest { batch in
                try batch.add(Incident(eventID: "W1", eventDate: try IncidentDate(parsing: "2019-04-10"), eventType: .battles,
                                       coordinate: try Coordinate(latitude: 32.9, longitude: 13.2)))
                writing.signal()
                release.wait()
            }
        }
        writer.start()
        writing.wait()
        defer { release.signal() }
        try await withServer { client in
            try await client.execute(uri: "/near?place=Mitiga&radius=1km", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.featureIDs(response) == ["T0"])
            }
            try await client.execute(uri: "/incidents", method: .get) { response in
                let ids = Self.featureIDs(response)
                #expect(!ids.contains("W1"), "the uncommitted row is not seen")
            }
        }
    }

    @Test func unknownRoutesAndTheMapPage() async throws {
        try await withServer { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                let answer = try #require(try Self.json(response) as? [String: Any])
                #expect((answer["error"] as? String)?.contains("/near") == true)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body ?? ByteBuffer())
                #expect(page.contains(#""mode":"live""#))
                #expect(page.contains("marker-cluster"))
                #expect(!page.contains("@@"), "every template slot is filled")
            }
        }
    }
}
