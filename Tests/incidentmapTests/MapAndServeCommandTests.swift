import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `map` and `serve` as a user runs them.
@Suite struct MapAndServeCommandTests {
    static let sample = CommandLineTests.sample

    @Test func mapWritesOnePageWithLeafletFromTheFolderNamedOrElseDebians() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        #expect(try cli.run(["ingest", Self.sample]).status == 0)
        let map = try cli.run(["map", "--out", "april.html", "--type", "Battles"])
        #expect(map.status == 0, "\(map.errors)")
        #expect(map.errors.contains("wrote a map of 4 incidents to april.html"))
        let page = try String(contentsOfFile: folder.path + "/april.html", encoding: .utf8)
        #expect(page.contains("marker-cluster") && page.contains("\"event_id_cnty\""))

        // INCIDENTMAP_LEAFLET_DIR is searched first: a marked copy there is the one inlined.
        // (That no folder holding Leaflet ends in a message naming the packages is
        // MapPageTests', where the folders searched can be chosen.)
        let marked = try TemporaryFolder()
        for name in ["leaflet.js", "leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css"] {
            _ = try marked.write(name, "/* marked copy of \(name) */")
        }
        let fromFolder = try cli.run(["map", "--out", "marked.html"], environment: ["INCIDENTMAP_LEAFLET_DIR": marked.path])
        #expect(fromFolder.status == 0, "\(fromFolder.errors)")
        let markedPage = try String(contentsOfFile: folder.path + "/marked.html", encoding: .utf8)
        #expect(markedPage.contains("/* marked copy of leaflet.js */") && markedPage.contains("/* marked copy of MarkerCluster.Default.css */"))
        #expect(!page.contains("marked copy"))

        // A folder without the files is passed over for Debian's, which Scripts/setup installs.
        let debianLeaflet = try String(contentsOfFile: "/usr/share/javascript/leaflet/leaflet.js", encoding: .utf8)
        let debianVersion = try #require(debianLeaflet.firstMatch(of: /Leaflet \d+\.\d+\.\d+/).map { String($0.0) },
                                         "Debian's libjs-leaflet is not installed: run Scripts/setup")
        let empty = try TemporaryFolder()
        let fromDebian = try cli.run(["map", "--out", "other.html"], environment: ["INCIDENTMAP_LEAFLET_DIR": empty.path])
        #expect(fromDebian.status == 0, "\(fromDebian.errors)")
        let debianPage = try String(contentsOfFile: folder.path + "/other.html", encoding: .utf8)
        #expect(debianPage.contains(debianVersion) && !debianPage.contains("marked copy"))
        #expect(!markedPage.contains(debianVersion))

        let noStore = try cli.run(["map", "--db", "absent.sqlite"])
        #expect(noStore.status == 1)
        #expect(noStore.errors.contains("absent.sqlite"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func serveAnswersLogsEachRequestAndStopsCleanlyOnASignal(signal: Int32) throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        #expect(try cli.run(["ingest", Self.sample]).status == 0)
        let (process, url, log) = try Self.serve(in: folder, ["--port", "0"])
        defer { if process.isRunning { process.terminate() } }
        let answer = try Data(contentsOf: URL(string: url + "/near?place=Mitiga&radius=10km")!)
        let collection = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        #expect((collection?["features"] as? [Any])?.count == 5)

        kill(process.processIdentifier, signal)
        for _ in 0..<300 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!process.isRunning, "serve did not stop on signal \(signal)")
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("GET /near?place=Mitiga&radius=10km 200"), "\(text)")
    }

    /// Starts `incidentmap serve ARGUMENTS` in `folder`, and waits until it says where it listens.
    static func serve(in folder: TemporaryFolder, _ arguments: [String]) throws -> (process: Process, url: String, log: String) {
        let log = folder.path + "/serve.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var base: String?
        for _ in 0..<300 where base == nil && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            base = text.firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+)\//).map { String($0.1) }
            if base == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let base else {
            if process.isRunning { process.terminate() }
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve never said where it listens: \(text)"])
        }
        return (process, base, log)
    }

    /// POSTs `body` to `url` and returns the status and the body of the answer.
    static func post(_ body: String, to url: String) throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let answer = PostedAnswer()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            answer.set((response as? HTTPURLResponse)?.statusCode ?? -1, data.map { String(decoding: $0, as: UTF8.self) } ?? "\(error.map { "\($0)" } ?? "")")
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 120) == .success else { throw CocoaError(.fileReadUnknown) }
        return answer.value
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "mounting a tmpfs needs root; skipped"))
    func serveOnAReadOnlyStoreAnswersReadsAndRefusesArticlesWith503() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let mount = try Tmpfs(megabytes: 16)
        defer { mount.unmount() }
        let store = mount.path + "/incidents.sqlite"
        #expect(try cli.run(["ingest", Self.sample, "--db", store]).status == 0)
        try mount.remountReadOnly()

        let (process, url, log) = try Self.serve(in: folder, ["--port", "0", "--db", store])
        defer { if process.isRunning { process.terminate() } }
        let startLog = try String(contentsOfFile: log, encoding: .utf8)
        #expect(startLog.contains("cannot be written (it is on a read-only file system)"), "\(startLog)")
        let answer = try Data(contentsOf: URL(string: url + "/near?place=Mitiga&radius=10km")!)
        let collection = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        #expect((collection?["features"] as? [Any])?.count == 5)
        let refused = try Self.post(#"{"text": "شنت طائرة حربية غارة جوية على مطار معيتيقة أمس", "published": "2019-04-20"}"#, to: url + "/articles")
        #expect(refused.status == 503)
        #expect(refused.body.contains("read-only file system") && refused.body.contains("serve a writable copy"), "\(refused.body)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// The status and body a URLSession callback hands over to the waiting test.
final class PostedAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (Int, String) = (-1, "")
    func set(_ status: Int, _ body: String) { lock.withLock { stored = (status, body) } }
    var value: (status: Int, body: String) { lock.withLock { stored } }
}
