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
        #expect(page.contains("L.markerClusterGroup") && page.contains("\"event_id_cnty\""))

        // INCIDENTMAP_LEAFLET_DIR is searched first: a marked copy there is the one inlined.
        // (That no folder holding Leaflet ends in a message naming the packages is
        // MapPageTests', where the folders searched can be chosen.)
        let marked = try TemporaryFolder()
        for name in ["leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"] {
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
