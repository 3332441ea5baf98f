import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `map` and `serve` as a user runs them.
@Suite struct MapAndServeCommandTests {
    static let sample = CommandLineTests.sample

    @Test func mapWritesOnePageAndSaysWhatToInstallWithoutLeaflet() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        #expect(try cli.run(["ingest", Self.sample]).status == 0)
        let map = try cli.run(["map", "--out", "april.html", "--type", "Battles"])
        #expect(map.status == 0, "\(map.errors)")
        #expect(map.errors.contains("wrote a map of 4 incidents to april.html"))
        let page = try String(contentsOfFile: folder.path + "/april.html", encoding: .utf8)
        #expect(page.contains("L.markerClusterGroup") && page.contains("\"event_id_cnty\""))

        let empty = try TemporaryFolder()
        let missing = try cli.run(["map", "--out", "other.html"], environment: ["INCIDENTMAP_LEAFLET_DIR": empty.path])
        // Debian's folder is searched after the one named, so only a machine without
        // libjs-leaflet fails here; where it fails, it says what to install.
        if missing.status != 0 {
            #expect(missing.errors.contains("install Debian's libjs-leaflet"))
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/other.html"))
        }
        let noStore = try cli.run(["map", "--db", "absent.sqlite"])
        #expect(noStore.status == 1)
        #expect(noStore.errors.contains("absent.sqlite"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func serveAnswersLogsEachRequestAndStopsCleanlyOnASignal(signal: Int32) throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        #expect(try cli.run(["ingest", Self.sample]).status == 0)
        let log = folder.path + "/serve.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var base: String?
        for _ in 0..<300 where base == nil {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            base = text.firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+)\//).map { String($0.1) }
            if base == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let url = try #require(base, "serve never said where it listens")
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
}
