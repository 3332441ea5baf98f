import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// Reading past bad rows: each refused row with its line, reason and text; the good rows all
/// read.
@Suite struct SkipBadRowsTests {
    /// Every row of `contents` read through ``IncidentFileReader/ReadAhead`` with bad rows skipped.
    func readSkipping(_ contents: String, name: String = "input.csv", chunkSize: Int = 2)
        throws -> (ids: [String], rejected: [IncidentFileReader.RejectedRow]) {
        let folder = try TemporaryFolder()
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: try folder.write(name, contents)),
                                                 skipBadRows: true, chunkSize: chunkSize)
        defer { ahead.cancel() }
        var ids: [String] = [], rejected: [IncidentFileReader.RejectedRow] = []
        while let chunk = try ahead.next() {
            ids += chunk.incidents.map(\.eventID)
            rejected += chunk.rejected
        }
        return (ids, rejected)
    }

    static let header = "event_id_cnty,event_date,event_type,latitude,longitude,notes\n"

    @Test func csvRowsWithBadValuesFieldsOrQuotesAreSkippedAndTheRestRead() throws {
        let csv = Self.header
            + "A1,2019-04-08,Battles,32.1,13.2,fine\n"
            + "A2,2019-02-30,Battles,32.1,13.2,\"impossible, date\"\n"
            + "A3,2019-04-08,Battles,32.1,13.2,\"two\nlines\"\n"
            + "A4,2019-04-08,Battles,32.1\n"
            + "A5,2019-04-08,Battles,32.1,13.2,a stray \" quote, and more\n"
            + "A6,2019-04-08,Battles,32.1,13.2,\"closed\"text\n"
            + "A7,2019-04-08,Riots,32.1,13.2,last good\n"
            + "A8,2019-04-08,Riots,32.1,13.2,\"cut off in the last row\n"
        let (ids, rejected) = try readSkipping(csv)
        #expect(ids == ["A1", "A3", "A7"])
        #expect(rejected.map(\.line) == [3, 6, 7, 8, 10])
        #expect(rejected[0].reason == "event_date '2019-02-30': date 2019-02-30 does not exist")
        #expect(rejected[0].raw == "A2,2019-02-30,Battles,32.1,13.2,\"impossible, date\"")
        #expect(rejected[1].reason == "4 fields where the header has 6: check the commas and quotes in this row")
        #expect(rejected[1].raw == "A4,2019-04-08,Battles,32.1")
        #expect(rejected[2].reason.contains("a quote inside an unquoted field"))
        #expect(rejected[2].raw == "A5,2019-04-08,Battles,32.1,13.2,a stray \" quote, and more")
        #expect(rejected[3].reason.contains("text after a closing quote"))
        #expect(rejected[3].raw == "A6,2019-04-08,Battles,32.1,13.2,closedtext")
        #expect(rejected[4].reason.contains("never closed"))
        #expect(rejected[4].raw == "A8,2019-04-08,Riots,32.1,13.2,cut off in the last row\n")
    }

    @Test func jsonLinesRowsAreRefusedWithTheirLineAsWritten() throws {
        let good = "{\"event_id_cnty\":\"J1\",\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13}"
        let broken = "{\"event_id_cnty\":\"J2\",\"event_date\":"
        let badValue = "{\"event_id_cnty\":\"J3\",\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":91,\"longitude\":13}"
        let (ids, rejected) = try readSkipping([good, broken, "", badValue, good.replacingOccurrences(of: "J1", with: "J4")].joined(separator: "\n"),
                                               name: "rows.jsonl")
        #expect(ids == ["J1", "J4"])
        #expect(rejected.map(\.line) == [2, 4])
        #expect(rejected.map(\.raw) == [broken, badValue])
        #expect(rejected[0].reason.hasPrefix("broken JSON"))
        #expect(rejected[1].reason.contains("latitude 91.0 is outside"))
    }

    @Test func apiRowsAreRefusedAndTheAnswerReadOn() throws {
        let rows = [ACLEDAPITests.row("P1"), ACLEDAPITests.row("P2", date: "2019-13-01"), ACLEDAPITests.row("P3")]
        let (ids, rejected) = try readSkipping(ACLEDAPITests.answer(rows, pretty: true), name: "acled.json")
        #expect(ids == ["P1", "P3"])
        #expect(rejected.map(\.line) == [9])
        #expect(rejected[0].reason == "row 2 of the answer's data: event_date '2019-13-01': date 2019-13-01 does not exist")
        #expect(rejected[0].raw == rows[1])
    }

    @Test func withoutSkippingTheFirstBadRowStillStopsTheFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("input.csv", Self.header + "A1,2019-04-08,Battles,32.1,13.2,x\nA2,2019-04-08,Battles,99,13.2,x\n")
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: path))
        defer { ahead.cancel() }
        #expect(throws: ImportError.self) { while try ahead.next() != nil {} }
    }

    @Test func theRejectsFileIsCSVThatReadsBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/rejects.csv"
        let file = try RejectedRowsFile(path: path)
        try file.append([.init(line: 7, reason: "missing latitude", raw: "A1,\"x, y\",\n")], from: "in,put.csv")
        try file.close()
        #expect(file.count == 1)
        let reader = CSVRecordReader(source: try ByteSource(path: path), path: path)
        #expect(try reader.next()?.fields == ["file", "line", "reason", "row"])
        #expect(try reader.next()?.fields == ["in,put.csv", "7", "missing latitude", "A1,\"x, y\",\n"])
        #expect(try reader.next() == nil)
    }
}

/// A record past the size limit is no row to skip: where it ends is unknown, so the file stops.
@Suite struct SkipBadRowsLimitTests {
    @Test(arguments: ["endless.csv", "endless.jsonl", "endless.json"])
    func aRecordTooLongStillEndsTheFile(name: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/" + name
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let start = switch name {
        case "endless.csv": "event_date,event_type,latitude,longitude\n2019-04-08,Battles,32,\""
        case "endless.jsonl": "{\"event_date\":\"2019-04-08\",\"notes\":\""
        default: "{\"status\":200,\"data\":[{\"event_date\":\"2019-04-08\",\"notes\":\""
        }
        try handle.write(contentsOf: Data(start.utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0...(ByteSource.maximumRecordLength >> 20) { try handle.write(contentsOf: chunk) }
        try handle.close()
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: path), skipBadRows: true)
        defer { ahead.cancel() }
        do {
            while let chunk = try ahead.next() { #expect(chunk.rejected.isEmpty) }
            Issue.record("no error for \(name)")
        } catch {
            #expect(error.description.contains("longer than 64 MiB"), "\(error)")
        }
    }
}
