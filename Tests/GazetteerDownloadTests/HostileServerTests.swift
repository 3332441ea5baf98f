import Foundation
import Gazetteer
import GazetteerDownload
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import TestSupport

/// Servers that stall or never stop (issue 14): the download fails within a bound, says why
/// and which URL, and leaves no file behind, also when the command is stopped by SIGINT or
/// SIGTERM. The bounds are generous seconds, not measurements.
@Suite(.serialized) struct HostileServerTests {
    /// Set when a test is over, so that a stalling handler ends and the server can stop.
    final class Release: Sendable {
        private let released = Mutex(false)
        func set() { released.withLock { $0 = true } }
        var isSet: Bool { released.withLock { $0 } }
    }

    func withServer(_ test: @Sendable @escaping (Int) async throws -> Void) async throws {
        let release = Release()
        let router = Router()
        // Headers and a few bytes, then nothing until released (60 s at most).
        router.get("/stall/LY.txt") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "2210247\tTripoli"))
                for _ in 0..<600 where !release.isSet { try await Task.sleep(for: .milliseconds(100)) }
                try await writer.finish(nil)
            })
        }
        // Nothing at all, not even headers, until released.
        router.get("/silent/LY.txt") { _, _ -> String in
            for _ in 0..<600 where !release.isSet { try await Task.sleep(for: .milliseconds(100)) }
            return ""
        }
        // 64 KiB after 64 KiB until the client goes.
        router.get("/endless/LY.txt") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 16)
                while !release.isSet { try await writer.write(chunk) }
                try await writer.finish(nil)
            })
        }
        // Says it is 2 GiB before sending any of it.
        router.get("/huge/LY.zip") { _, _ in
            Response(status: .ok, headers: [.contentLength: String(2 << 30)], body: ResponseBody { writer in
                for _ in 0..<600 where !release.isSet { try await Task.sleep(for: .milliseconds(100)) }
                try await writer.finish(nil)
            })
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            .test(.live) { client in
                defer { release.set() }
                try await test(try #require(client.port))
            }
    }

    /// Runs `download` and returns its error's reason, checking it names the URL, ends within
    /// `bound` and leaves `folder` empty.
    func failure(_ url: URL, folder: String, bound: Duration,
                 _ download: @Sendable (URL, URL) async throws(GazetteerError) -> URL) async throws -> String {
        let start = ContinuousClock.now
        var reason = ""
        do {
            _ = try await download(url, URL(fileURLWithPath: folder))
            Issue.record("the download from \(url) succeeded")
        } catch {
            guard case .unreadable(let file, let text) = error else { Issue.record("unexpected \(error)"); return "" }
            #expect(file == url.absoluteString)
            reason = text
        }
        #expect(ContinuousClock.now - start < bound, "took \(ContinuousClock.now - start)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(!RemoveOnSignal.shared.remembered.contains { $0.hasPrefix(folder) })
        return reason
    }

    @Test(arguments: ["stall", "silent"])
    func aServerThatStallsFailsAfterTheIdleTimeout(route: String) async throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.path
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/\(route)/LY.txt"))
            // The idle timeout is 1 s; the bound is loose for a loaded test machine (a fresh-clone
            // run with every suite in parallel took 20.2 s), yet below the routes' 60 s stall, so
            // that a download without an idle timeout still fails the test.
            let reason = try await failure(url, folder: folder, bound: .seconds(45)) { url, into throws(GazetteerError) in
                try await GeoNamesDownload.download(url, into: into, idleTimeout: .seconds(1))
            }
            #expect(reason.contains("the server sent nothing for 1 s"), "\(reason)")
            #expect(reason.contains("--idle-timeout"), "\(reason)")
        }
        withExtendedLifetime(temporary) {}
    }

    @Test func anEndlessBodyStopsAtTheSizeCap() async throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.path
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/endless/LY.txt"))
            let reason = try await failure(url, folder: folder, bound: .seconds(60)) { url, into throws(GazetteerError) in
                try await GeoNamesDownload.download(url, into: into, maximumSize: 1 << 20)
            }
            #expect(reason.contains("goes on past 1 MiB, over the limit of 1 MiB"), "\(reason)")
            #expect(reason.contains("--max-download-size"), "\(reason)")
        }
        withExtendedLifetime(temporary) {}
    }

    @Test func aDeclaredSizeOverTheCapIsRefusedBeforeAByteIsWritten() async throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.path
        try await withServer { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/huge/LY.zip"))
            let reason = try await failure(url, folder: folder, bound: .seconds(20)) { url, into throws(GazetteerError) in
                try await GeoNamesDownload.download(url, into: into)
            }
            #expect(reason.contains("the download is 2048 MiB, over the limit of 512 MiB"), "\(reason)")
        }
        withExtendedLifetime(temporary) {}
    }

    /// `gazetteer refresh --geonames URL` stopped while the download stalls: the partial file
    /// is gone and the process ends by the signal, as it would have without the handler.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringADownloadLeavesNoPartialFile(signalNumber: Int32) async throws {
        let folder = try TemporaryFolder()
        let store = folder.path + "/store.sqlite", temporary = folder.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try await withServer { port in
            let process = Process()
            process.executableURL = BuiltExecutable.url("incidentmap")
            process.arguments = ["gazetteer", "refresh", "--geonames", "http://127.0.0.1:\(port)/stall/LY.txt",
                                 "--db", store]
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = temporary
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The partial file appears once the headers and the first bytes are in.
            let deadline = ContinuousClock.now + .seconds(30)
            while try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try !FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "no download started")
            kill(process.processIdentifier, signalNumber)
            let exitDeadline = ContinuousClock.now + .seconds(20)
            while process.isRunning, ContinuousClock.now < exitDeadline { try await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                Issue.record("the command was still running 20 s after the signal")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == signalNumber)
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        }
        withExtendedLifetime(folder) {}
    }
}
