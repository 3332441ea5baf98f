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

/// A store the server cannot write is served: every reading route answers as on any store, and
/// `POST /articles` is answered 503 with the reason, whether the store was read-only when the
/// server started (a read-only mount) or became unwritable under it (a disk that filled up).
/// Both mount a small tmpfs, which needs root (as CI runs); elsewhere they are skipped.
@Suite(.serialized) struct ReadOnlyStoreServingTests {
    static let article = #"{"text": "شنت طائرة حربية غارة جوية على مطار معيتيقة أمس", "published": "2019-04-20", "source": "read-only test"}"#

    /// A store of three incidents around Tripoli at `path`.
    static func fill(_ path: String) throws {
        let store = try IncidentStore(path: path)
        _ = try store.ingest { batch in
            for (index, place) in [(32.8942, 13.2761), (32.87, 13.19), (32.69, 13.16)].enumerated() {
                try batch.add(TestIncidents.incident("R\(index)", place.0, place.1))
            }
        }
        try store.close()
    }

    func withServer(_ store: IncidentStore, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let server = try IncidentServer(store: store,
                                        configuration: ServerConfiguration(port: 0, idleTimeout: .seconds(300), headerTimeout: .seconds(300)),
                                        assets: try MapAssets.load())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await server.application(logger: logger).test(.live, test)
    }

    /// The routes that only read answer as they do on a writable store.
    static func readingRoutesAnswer(_ client: any TestClientProtocol) async throws {
        try await client.execute(uri: "/incidents?format=geojson", method: .get) { response in
            #expect(response.status == .ok)
            let collection = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((collection?["features"] as? [Any])?.count == 3)
        }
        try await client.execute(uri: "/near?lat=32.8942&lon=13.2761&radius=5km", method: .get) { response in
            #expect(response.status == .ok)
        }
        try await client.execute(uri: "/gazetteer/search?q=Mitiga", method: .get) { response in
            #expect(response.status == .ok)
        }
        try await client.execute(uri: "/", method: .get) { response in
            #expect(response.status == .ok)
        }
    }

    /// `POST /articles` gets 503 and JSON whose error contains `reason`.
    static func postIsRefused(_ client: any TestClientProtocol, saying reason: String) async throws {
        try await client.execute(uri: "/articles", method: .post, body: ByteBuffer(string: article)) { response in
            #expect(response.status == .serviceUnavailable)
            let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let error = answer?["error"] as? String ?? ""
            #expect(error.contains("cannot be written") && error.contains(reason), "\(error)")
            #expect(error.contains("GET /, /incidents, /near and /gazetteer/search still answer"), "\(error)")
        }
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func aStoreOnAReadOnlyMountIsServedAndArticlesAreRefusedWith503() async throws {
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let path = mount.path + "/incidents.sqlite"
        try Self.fill(path)
        try mount.remountReadOnly()
        let store = try IncidentStore(path: path, mode: .createIfMissingElseRead)
        try await withServer(store) { client in
            try await Self.readingRoutesAnswer(client)
            try await Self.postIsRefused(client, saying: "read-only file system")
        }
        #expect(try store.count() == 3)
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func aDiskThatFillsUnderTheServerIsSaidToBeFullAndNothingIsStored() async throws {
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let path = mount.path + "/incidents.sqlite"
        try Self.fill(path)
        let store = try IncidentStore(path: path, mode: .createIfMissingElseRead)
        #expect(!store.isReadOnly)
        try await withServer(store) { client in
            try mount.fill()
            try await Self.readingRoutesAnswer(client)
            try await Self.postIsRefused(client, saying: "its disk is full")
        }
        #expect(try store.count() == 3)
    }
}
