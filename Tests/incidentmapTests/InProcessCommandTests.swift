import ArgumentParser
import Foundation
import IncidentMapKit
import Synchronization
import Testing
import TestSupport
@testable import incidentmap

/// The commands parsed and run in this process, as ArgumentParser's own tests run theirs: what
/// they print (through ``Console``), the errors they end with and the exit codes those give,
/// and what they leave in the store, without spawning the binary. `CommandLineTests` runs the
/// binary for the same behaviour end to end.
@Suite struct InProcessCommandTests {
    /// What one command did.
    struct Outcome {
        var output: [String]
        var errors: [String]
        var status: Int32
        var message: String
    }

    /// Lines a command printed.
    final class Captured: Sendable {
        private let lines = Mutex<(output: [String], errors: [String])>(([], []))
        var console: Console {
            Console(output: { line in self.lines.withLock { $0.output.append(line) } },
                    errors: { line in self.lines.withLock { $0.errors.append(line) } })
        }
        var output: [String] { lines.withLock { $0.output } }
        var errors: [String] { lines.withLock { $0.errors } }
    }

    /// Parses `arguments` as `incidentmap` would, runs the command and reports how it ended.
    static func run(_ arguments: [String]) async -> Outcome {
        let captured = Captured()
        var status: Int32 = 0
        var message = ""
        await Console.$current.withValue(captured.console) {
            do {
                var command = try IncidentMapCommand.parseAsRoot(arguments)
                if var asynchronous = command as? any AsyncParsableCommand {
                    try await asynchronous.run()
                } else {
                    try command.run()
                }
            } catch {
                status = IncidentMapCommand.exitCode(for: error).rawValue
                message = IncidentMapCommand.message(for: error)
            }
        }
        return Outcome(output: captured.output, errors: captured.errors, status: status, message: message)
    }

    @Test func ingestStatsExportAndNearOnTheSampleData() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path + "/store.sqlite"
        let ingest = await Self.run(["ingest", CommandLineTests.sample, "--db", db])
        #expect(ingest.status == 0, "\(ingest.message)")
        #expect(ingest.output == ["\(CommandLineTests.sample): 14 added, 0 already in the store"])

        let stats = await Self.run(["stats", "--db", db])
        #expect(stats.output.prefix(3) == ["store:      \(db)", "incidents:  14", "dates:      2019-04-04 to 2019-04-18"])

        let out = folder.path + "/battles.csv"
        let export = await Self.run(["export", "--db", db, "--format", "csv", "--type", "battles", "--out", out])
        #expect(export.errors == ["wrote 4 incidents to \(out)"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 5)

        let near = await Self.run(["near", "Mitiga", "--db", db, "--radius", "10km"])
        #expect(near.status == 0, "\(near.message)")
        #expect(near.output.first?.hasPrefix("5 incident(s) within 10.0 km of 32.8942,13.2761") == true, "\(near.output)")
        #expect(near.errors.last?.contains("(ly-mitiga)") == true)
    }

    @Test(arguments: [
        (["export", "--since", "2019-02-30"], Int32(64), "'--since <YYYY-MM-DD>': date 2019-02-30 does not exist"),
        (["export", "--since", "2019-04-09", "--until", "2019-04-01"], 64, "--since 2019-04-09 is after --until 2019-04-01"),
        (["export", "--type", "Skirmish"], 64, "'Skirmish' is not an ACLED event type"),
        (["export", "--bbox", "1,2,3"], 64, "is not a bounding box"),
        (["near", "95,13.2"], 64, "latitude 95.0 is outside"),
        (["near", "32.9,13.2", "--radius", "10"], 64, "is not a length"),
        (["ingest", "a.csv", "--rejects", "r.csv"], 64, "--rejects needs --skip-bad-rows"),
        (["stats", "--db", "/nonexistent/store.sqlite"], 1, "no incident store at /nonexistent/store.sqlite"),
    ])
    func badInputEndsWithOneClearMessageAndItsStatus(arguments: [String], status: Int32, message: String) async {
        let outcome = await Self.run(arguments)
        #expect(outcome.status == status, "\(arguments): \(outcome.message)")
        #expect(outcome.message.contains(message), "\(arguments): \(outcome.message)")
    }

    @Test func aFailedFileNamesItsLineAndTheCommandFails() async throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.csv", "event_date,event_type,latitude,longitude\n2019-04-08,Battles,32.9,13.2\n2019-04-09,Battles,95,13.2\n")
        let db = folder.path + "/store.sqlite"
        let outcome = await Self.run(["ingest", bad, "--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.errors.first?.hasPrefix("\(bad):3: latitude 95.0 is outside -90…90") == true, "\(outcome.errors)")
        #expect(outcome.errors.contains("\(bad): nothing of this file was stored"))
        // The store was being loaded under a temporary name beside `db`, removed with the failure:
        // no store was made, so none is removed.
        #expect(!outcome.errors.contains { $0.contains("removed again") }, "\(outcome.errors)")
        #expect(outcome.message == "1 of 1 file(s) failed and stored nothing: \(bad)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.csv"])
    }

    @Test func extractPrintsTheIncidentShapeAndSearchPrintsPlaces() async throws {
        let extract = await Self.run(["extract", ArticleCommandTests.article, "--published", "2019-04-10", "--format", "json"])
        #expect(extract.status == 0, "\(extract.message)")
        let incidents = try JSONDecoder().decode([IncidentProperties].self, from: Data(extract.output.joined(separator: "\n").utf8))
        #expect(incidents.map { $0.text(.placeID) } == ["ly-ain-zara"])
        #expect(incidents.first?.text(.eventDate) == "2019-04-09" && incidents.first?.status == "happened")

        let search = await Self.run(["gazetteer", "search", "Gasr Ben Gashir", "--format", "json", "--limit", "2"])
        let matches = try JSONDecoder().decode([PlaceMatch].self, from: Data(search.output.joined(separator: "\n").utf8))
        #expect(matches.first?.id == "2213618")
        let table = await Self.run(["gazetteer", "search", "Atlantis"])
        #expect(table.output == ["no place matches 'Atlantis'"])
    }

    @Test func aRefreshPrintsWhatChangedAndABrokenOneChangesNothing() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path + "/store.sqlite"
        let line = "2210247\tTripoli\tTripoli\t\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05\n"
        let dump = try folder.write("LY.txt", line)
        let refresh = await Self.run(["gazetteer", "refresh", "--geonames", dump, "--db", db])
        #expect(refresh.status == 0, "\(refresh.message)")
        let report = refresh.output.joined(separator: "\n").split(separator: "\n")
        #expect(report.first == "imported 1 places from \(dump) into \(db)")
        #expect(report.last == "re-resolved 0 stored incident(s) whose place moved or was renamed")
        let broken = try folder.write("broken.txt", line.replacingOccurrences(of: "32.88743", with: "-95"))
        let failed = await Self.run(["gazetteer", "refresh", "--geonames", broken, "--db", db])
        #expect(failed.status == 1)
        #expect(failed.message.hasPrefix("\(broken):1: latitude -95.0 is outside"), "\(failed.message)")
        #expect(failed.message.hasSuffix("nothing was changed: the previous gazetteer stays in force"))
    }
}
