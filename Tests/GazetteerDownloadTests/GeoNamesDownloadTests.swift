import Foundation
import Gazetteer
import GazetteerDownload
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// `gazetteer refresh --geonames http://…`: the dump fetched over HTTP from a server on
/// loopback, read as a local one, and clear errors that leave no file behind.
@Suite struct GeoNamesDownloadTests {
    static let dump = "2210247\tTripoli\tTripoli\tTarabulus,طرابلس\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05\n"

    func withServer(_ test: @Sendable @escaping (Int) async throws -> Void) async throws {
        let router = Router()
        router.get("/export/dump/LY.txt") { _, _ in Self.dump }
        router.get("/export/dump/empty.txt") { _, _ in "" }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            .test(.live) { client in try await test(try #require(client.port)) }
    }

    @Test func downloadsADumpThatReadsAsTheLocalFile() async throws {
        let folder = try TemporaryFolder()
        let into = URL(fileURLWithPath: folder.path)
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/export/dump/LY.txt"))
            #expect(GeoNamesDownload.isRemote(url.absoluteString))
            let file = try await GeoNamesDownload.download(url, into: into)
            #expect(file.lastPathComponent.hasSuffix("-LY.txt"))
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.dump)
            let places = try GeoNamesDump.places(from: file.path, districts: Gazetteer.districts())
            #expect(places.map(\.nameArabic) == ["طرابلس"])
        }
    }

    /// FileDownloadDelegate makes the file with the first bytes; an empty answer is an empty file.
    @Test func anEmptyAnswerIsAnEmptyFile() async throws {
        let folder = try TemporaryFolder()
        let into = URL(fileURLWithPath: folder.path)
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/export/dump/empty.txt"))
            let file = try await GeoNamesDownload.download(url, into: into)
            #expect(try Data(contentsOf: file).isEmpty)
        }
    }

    @Test func anHTTPErrorSaysWhatTheServerAnsweredAndLeavesNoFile() async throws {
        let folder = try TemporaryFolder()
        let into = URL(fileURLWithPath: folder.path)
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/export/dump/XX.zip"))
            await #expect(throws: GazetteerError.unreadable(file: url.absoluteString, reason: "the server answered HTTP 404")) {
                _ = try await GeoNamesDownload.download(url, into: into)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: into.path).isEmpty)
        }
    }

    @Test func aRefusedConnectionIsADownloadFailure() async throws {
        let folder = try TemporaryFolder()
        // Port 9 (discard) on loopback: nothing listens there.
        let url = try #require(URL(string: "http://127.0.0.1:9/LY.zip"))
        do {
            _ = try await GeoNamesDownload.download(url, into: URL(fileURLWithPath: folder.path), connectTimeout: .seconds(1))
            Issue.record("a download from a closed port succeeded")
        } catch {
            guard case .unreadable(let file, let reason) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == url.absoluteString)
            #expect(reason.hasPrefix("download failed: "))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func localPathsAreNotRemoteAndAURLIsNotReadAsAFile() {
        #expect(!GeoNamesDownload.isRemote("LY.zip"))
        #expect(!GeoNamesDownload.isRemote("/data/LY.txt"))
        #expect(!GeoNamesDownload.isRemote("file:///data/LY.txt"))
        #expect(GeoNamesDownload.isRemote("HTTPS://download.geonames.org/export/dump/LY.zip"))
        #expect(throws: GazetteerError.self) {
            _ = try GeoNamesDump.places(from: "https://download.geonames.org/export/dump/LY.zip", districts: [:])
        }
    }
}
