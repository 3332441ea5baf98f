import Foundation
import Testing
import TestSupport

/// `kill -9` at seeded random points of `ingest` (into SpatiaLite and PostGIS) and `gazetteer
/// refresh`, and two writers at once: the store opens afterwards, holds all of a file or none of it, and the command run
/// again finishes. The files are generated here (synthetic rows, not real events).
@Suite(.serialized, .timeLimit(.minutes(5))) struct KilledAndConcurrentCommandTests {
    /// `rows` synthetic ACLED-style rows whose ids start with `prefix`.
    static func incidents(_ rows: Int, prefix: String) -> String {
        var lines = ["event_id_cnty,event_date,event_type,latitude,longitude,location,notes"]
        for number in 0..<rows {
            lines.append("\(prefix)\(number),2020-0\(1 + number % 9)-1\(number % 10),Battles,"
                + "\(30 + Double(number % 400) / 100),\(13 + Double(number % 700) / 100),Place \(number),synthetic row \(number)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GeoNames-layout dump of `rows` synthetic populated places inside Libya.
    static func geoNamesDump(_ rows: Int) -> String {
        (0..<rows).map { number in
            "\(9_000_000 + number)\tQaryat \(number)\tQaryat \(number)\tقرية \(number)\t\(26 + Double(number % 600) / 100)\t"
                + "\(11 + Double(number % 1300) / 100)\tP\tPPL\tLY\t\t77\t\t\t\t\(number)\t\t0\tAfrica/Tripoli\t2024-01-01"
        }.joined(separator: "\n") + "\n"
    }

    static func storedCount(_ cli: CommandRunner, db: String? = nil) throws -> Int? {
        let stats = try cli.run(["stats"] + (db.map { ["--db", $0] } ?? []))
        guard stats.status == 0 else { Issue.record("stats failed: \(stats.errors)"); return nil }
        return stats.output.firstMatch(of: /incidents:\s+(\d+)/).flatMap { Int($0.1) }
    }

    /// Starts the command and kills it with SIGKILL after `delay` seconds (or lets it end).
    static func killed(_ arguments: [String], in folder: String, after delay: Double) throws {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// How long `arguments` takes once, as a scale for the kill points.
    static func duration(_ cli: CommandRunner, _ arguments: [String]) throws -> Double {
        let start = Date()
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(result.errors)")
        return Date().timeIntervalSince(start)
    }

    @Test func anIngestKilledAnywhereLeavesAllOfTheFileOrNone() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        _ = try folder.write("first.csv", Self.incidents(50, prefix: "FIRST"))
        _ = try folder.write("big.csv", Self.incidents(10_000, prefix: "BIG"))
        #expect(try cli.run(["ingest", "first.csv"]).status == 0)
        // A copy of the store, timed, scales the kill points to this machine's speed.
        try FileManager.default.copyItem(atPath: folder.path + "/incidents.sqlite", toPath: folder.path + "/timing.sqlite")
        let full = try Self.duration(cli, ["ingest", "--db", "timing.sqlite", "big.csv"])
        var random = SeededGenerator(state: 0x4B11_1E5)
        for run in 0..<8 {
            let delay = Double.random(in: 0.02...(full * 1.1), using: &random)
            try Self.killed(["ingest", "big.csv"], in: folder.path, after: delay)
            let count = try Self.storedCount(cli)
            #expect(count == 50 || count == 10_050, "run \(run), killed after \(delay) s: \(String(describing: count)) incidents")
        }
        let again = try cli.run(["ingest", "big.csv"])
        #expect(again.status == 0, "\(again.errors)")
        #expect(try Self.storedCount(cli) == 10_050)
    }

    /// The same on PostGIS (a database of the test run's throwaway cluster): an ingest is one
    /// transaction, which the server rolls back when its client dies, at whatever point.
    @Test func anIngestIntoPostGISKilledAnywhereLeavesAllOfTheFileOrNone() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        let cluster = try ThrowawayPostgres.shared()
        let url = try cluster.makeDatabase(), timing = try cluster.makeDatabase()
        let database = String(url.split(separator: "/").last ?? "")
        _ = try folder.write("first.csv", Self.incidents(50, prefix: "FIRST"))
        _ = try folder.write("big.csv", Self.incidents(10_000, prefix: "BIG"))
        #expect(try cli.run(["ingest", "--db", url, "first.csv"]).status == 0)
        #expect(try cli.run(["ingest", "--db", timing, "first.csv"]).status == 0)
        let full = try Self.duration(cli, ["ingest", "--db", timing, "big.csv"])
        var random = SeededGenerator(state: 0x9057_615)
        for run in 0..<6 {
            let delay = Double.random(in: 0.02...(full * 1.1), using: &random)
            try Self.killed(["ingest", "--db", url, "big.csv"], in: folder.path, after: delay)
            let count = try Self.storedCount(cli, db: url)
            #expect(count == 50 || count == 10_050, "run \(run), killed after \(delay) s: \(String(describing: count)) incidents")
            // The killed client's session ends (its server process sees the socket close): no
            // transaction is left open to hold locks against the next ingest.
            var sessions = ""
            for _ in 0..<100 {
                sessions = try cluster.psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)'")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if sessions == "0" { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(sessions == "0", "run \(run): \(sessions) sessions still open on the store's database after the kill")
        }
        let again = try cli.run(["ingest", "--db", url, "big.csv"])
        #expect(again.status == 0, "\(again.errors)")
        #expect(try Self.storedCount(cli, db: url) == 10_050)
    }

    @Test func aRefreshKilledAnywhereLeavesTheStoreWorkingAndCanRunAgain() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        _ = try folder.write("first.csv", Self.incidents(50, prefix: "FIRST"))
        _ = try folder.write("LY.txt", Self.geoNamesDump(1_500))
        #expect(try cli.run(["ingest", "first.csv"]).status == 0)
        try FileManager.default.copyItem(atPath: folder.path + "/incidents.sqlite", toPath: folder.path + "/timing.sqlite")
        let full = try Self.duration(cli, ["gazetteer", "refresh", "--db", "timing.sqlite", "--geonames", "LY.txt"])
        var random = SeededGenerator(state: 0x4EF_4E54)
        for run in 0..<5 {
            let delay = Double.random(in: 0.02...(full * 1.1), using: &random)
            try Self.killed(["gazetteer", "refresh", "--geonames", "LY.txt"], in: folder.path, after: delay)
            #expect(try Self.storedCount(cli) == 50, "run \(run), killed after \(delay) s")
        }
        let again = try cli.run(["gazetteer", "refresh", "--geonames", "LY.txt"])
        #expect(again.status == 0, "\(again.errors)")
        let search = try cli.run(["gazetteer", "search", "--db", "incidents.sqlite", "Qaryat 1499"])
        #expect(search.status == 0 && search.output.contains("Qaryat 1499"), "\(search.output)\(search.errors)")
    }

    @Test func twoWritersAndAReaderAtOnceAllFinishAndNothingIsLost() throws {
        let folder = try TemporaryFolder()
        let cli = CommandRunner(folder: folder.path)
        _ = try folder.write("first.csv", Self.incidents(50, prefix: "FIRST"))
        _ = try folder.write("a.csv", Self.incidents(10_000, prefix: "A"))
        _ = try folder.write("b.csv", Self.incidents(10_000, prefix: "B"))
        #expect(try cli.run(["ingest", "first.csv"]).status == 0)
        let results = NSLock()
        nonisolated(unsafe) var outcomes: [String: CommandRunner.Result] = [:]
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            let arguments = [["ingest", "a.csv"], ["ingest", "b.csv"], ["export", "--format", "csv", "--out", "during.csv"]][index]
            let result = (try? cli.run(arguments)) ?? CommandRunner.Result(status: -1, output: "", errors: "did not start")
            results.withLock { outcomes[arguments.joined(separator: " ")] = result }
        }
        for (command, result) in outcomes {
            #expect(result.status == 0, "\(command): \(result.errors)")
            #expect(!result.errors.contains("locked"), "\(command): \(result.errors)")
        }
        #expect(try Self.storedCount(cli) == 20_050)
        // The reader saw the store between whole files: 50, 10,050 or 20,050 rows.
        let exported = try String(contentsOfFile: folder.path + "/during.csv", encoding: .utf8)
        let rows = exported.split(separator: "\n").count - 1
        #expect([50, 10_050, 20_050].contains(rows), "export during two ingests saw \(rows) rows")
    }
}
