import Foundation
import IncidentImport
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// A seeded mutation fuzzer over every incident file reader, ending in the store: however a
/// file is damaged, reading it ends (no trap, no hang), what is refused is refused as
/// `FILE:LINE: reason` (or a whole-file error naming the file), and an ingest of a refused file
/// stores nothing while what the store held stays. A failure prints the format, the seed and
/// the mutant's number, and repeats on every machine.
@Suite(.timeLimit(.minutes(3))) struct MutatedFileIngestTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Valid inputs of each format, written for these tests (and the project's own sample data).
    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let csv = try [UInt8](Data(contentsOf: repository.appendingPathComponent("Data/incidents/tripoli-offensive-2019-04.csv")))
        let jsonLines = (1...6).map { number in
            #"{"event_id_cnty":"FZ\#(number)","event_date":"2019-04-0\#(number)","event_type":"Battles","sub_event_type":"Armed clash","#
                + #""actor1":"Side A","latitude":32.8\#(number),"longitude":13.1\#(number),"location":"Tripoli","location_ar":"طرابلس","#
                + #""fatalities":\#(number),"notes":"written for the fuzz test: \"quoted\", \u00e9, \ud83d\ude00"}"#
        }.joined(separator: "\n") + "\n"
        let row = { (id: String) in
            #"{"event_id_cnty":"\#(id)","event_date":"2019-04-08","year":"2019","time_precision":"1","event_type":"Battles","#
                + #""sub_event_type":"Armed clash","actor1":"Side A","latitude":"32.8942","longitude":"13.2761","#
                + #""geo_precision":"1","fatalities":"2","timestamp":"1556012345"}"#
        }
        let api = #"{"status":200,"success":true,"count":3,"data":["# + ["API1", "API2", "API3"].map(row).joined(separator: ",") + "]}"
        let gdelt = (1...5).map { GDELTFixture.row(id: "83412000\($0)", date: "2019040\($0)") }.joined(separator: "\n") + "\n"
        return [("incidents.csv", csv), ("incidents.jsonl", Array(jsonLines.utf8)),
                ("acled-api.json", Array(api.utf8)), ("events.export.CSV", Array(gdelt.utf8))]
    }

    @Test func everyMutantIsReadToItsEndOrRefusedWithItsLineAndStoresNothingWhenRefused() throws {
        let folder = try TemporaryFolder()
        let store = try IncidentStore(path: folder.path + "/fuzz.sqlite")
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("KEPT", 32.89, 13.18)) }
        var stored = 1
        for (formatNumber, seed) in try Self.seeds().enumerated() {
            let seedValue = UInt64(0x1D_C1DE_47 + formatNumber)
            var mutator = Mutator(seed: seedValue)
            var readWhole = 0, refused = 0
            for number in 0..<150 {
                let mutant = mutator.mutate(seed.bytes)
                let path = folder.path + "/\(number)-" + seed.name
                try Data(mutant).write(to: URL(fileURLWithPath: path))
                let label = "\(seed.name), seed \(seedValue), mutant \(number)"
                // Every tenth mutant goes through the store, read and stored in one transaction.
                let throughTheStore = number % 10 == 0
                do {
                    let reader = try IncidentFileReader(path: path)
                    if throughTheStore {
                        let summary = try store.ingest { batch in
                            while let incident = try reader.next() { try batch.addOrMerge(incident) }
                        }
                        stored += summary.added
                    } else {
                        while try reader.next() != nil {}
                    }
                    readWhole += 1
                } catch let error as ImportError {
                    refused += 1
                    Self.expectNamesTheFile(error, path: path, lines: mutant.count { $0 == 0x0A } + 1, label)
                }
                if throughTheStore {
                    #expect(try store.count(matching: IncidentFilter()) == stored, "\(label): the store changed")
                }
                try FileManager.default.removeItem(atPath: path)
            }
            // Mutants that read and mutants refused both: a fuzzer whose every mutant fails at
            // the header, or none fails, would test nothing.
            #expect(readWhole >= 10 && refused >= 10, "\(seed.name): \(readWhole) read, \(refused) refused")
        }
        #expect(try store.incident(withID: "KEPT") != nil)
    }

    static func expectNamesTheFile(_ error: ImportError, path: String, lines: Int, _ label: String) {
        #expect(error.description.hasPrefix(path + ":"), "\(label): \(error)")
        if case .badRow(_, let line, let reason) = error {
            #expect((1...lines).contains(line), "\(label): line \(line) of \(lines): \(reason)")
            #expect(!reason.isEmpty, "\(label)")
        }
    }
}
