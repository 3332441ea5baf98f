import Foundation
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentImport

/// Input a fuzzer or a careless export produces: each is refused with its line and a reason,
/// never a crash, a value cut short or memory that grows with the file.
@Suite struct HostileInputTests {
    static let good = "{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13"

    func firstError(_ contents: String, name: String) throws -> String? {
        let folder = try TemporaryFolder()
        return try firstError(path: try folder.write(name, contents))
    }

    /// A file of `start` and then a little more than the record limit of `filler`, written in
    /// pieces of 1 MiB.
    func writeEndless(in folder: TemporaryFolder, name: String, start: String, filler: UInt8) throws -> String {
        let path = folder.path + "/" + name
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(start.utf8))
        let chunk = Data(repeating: filler, count: 1 << 20)
        for _ in 0...(ByteSource.maximumRecordLength >> 20) { try handle.write(contentsOf: chunk) }
        try handle.close()
        return path
    }

    func firstError(path: String) throws -> String? {
        let reader = try IncidentFileReader(path: path)
        do {
            while try reader.next() != nil {}
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test(arguments: [
        ("\\uD800\\u0041", "no low surrogate"),
        ("\\uD800", "no low surrogate"),
        ("\\uDBFF\\uDBFF", "no low surrogate"),
        ("\\uDC00", "low surrogate with no high"),
        ("abc\\u0000def", "NUL"),
        ("\\x41", "unknown escape \\x"),
    ])
    func refusesEscapesNoTextCanHold(escaped: String, message: String) throws {
        let line = Self.good + ",\"notes\":\"\(escaped)\"}\n"
        let error = try #require(try firstError(Self.good + "}\n" + line, name: "in.jsonl"))
        #expect(error.contains(":2: "), "\(error)")
        #expect(error.contains(message), "\(error)")
    }

    @Test func keepsAPairOfSurrogatesAsOneCharacterAndTheEscapesJSONKnows() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("in.jsonl", Self.good + ",\"notes\":\"\\uD801\\uDC00 \\u00e9\\/\\\"\\\\\"}\n")
        let incident = try #require(try IncidentFileReader(path: path).next())
        #expect(incident.notes == "\u{10400} é/\"\\")
    }

    @Test func refusesANulByteInACSVField() throws {
        let csv = "event_date,event_type,latitude,longitude\n2019-04-08,Battles,32.5\u{0}garbage,13\n"
        let error = try #require(try firstError(csv, name: "in.csv"))
        #expect(error.contains("in.csv:2: "), "\(error)")
        #expect(error.contains("NUL byte"), "\(error)")
    }

    @Test func stopsALineWithNoBreakBeforeItHoldsTheWholeFile() throws {
        let folder = try TemporaryFolder()
        // One object that never ends.
        let path = try writeEndless(in: folder, name: "endless.jsonl", start: Self.good + ",\"notes\":\"", filler: UInt8(ascii: "a"))
        let error = try #require(try firstError(path: path))
        #expect(error.contains("endless.jsonl:1: "), "\(error)")
        #expect(error.contains("longer than 64 MiB"), "\(error)")
    }

    @Test func stopsACSVFieldThatNeverEnds() throws {
        let folder = try TemporaryFolder()
        let path = try writeEndless(in: folder, name: "endless.csv",
                                    start: "event_date,event_type,latitude,longitude\n2019-04-08,Battles,32,\"", filler: UInt8(ascii: "1"))
        let error = try #require(try firstError(path: path))
        #expect(error.contains("endless.csv:2: "), "\(error)")
        #expect(error.contains("longer than 64 MiB"), "\(error)")
    }

    @Test(arguments: [
        ("event_date,event_type,latitude,longitude\n2019-04-08,Battles,0x1p4,13\n", "in.csv", "latitude '0x1p4' is not a number"),
        ("event_date,event_type,latitude,longitude\n2019-04-08,Battles,32,inf\n", "in.csv", "longitude 'inf' is not a number"),
        ("event_date,event_type,latitude,longitude\n2019-+4-05,Battles,32,13\n", "in.csv", "event_date '2019-+4-05' is not a date"),
        ("event_date,event_type,latitude,longitude\n2019-04-026,Battles,32,13\n", "in.csv", "event_date '2019-04-026' is not a date"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":\"0x1p4\",\"longitude\":13}\n", "in.jsonl", "latitude '0x1p4'"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":.5,\"longitude\":13}\n", "in.jsonl", "'.5' is not a JSON number"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":+3,\"longitude\":13}\n", "in.jsonl", "'+3' is not a JSON number"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":07,\"longitude\":13}\n", "in.jsonl", "'07' is not a JSON number"),
        ("{\"event_date\":\"2019-04-08\",\"event_type\":\"Battles\",\"latitude\":32,\"longitude\":13,\"x\":[1, 2}}\n", "in.jsonl",
         "expected ',' or ']' in a nested array"),
    ])
    func refusesNumbersAndDatesWrittenOutsideTheRules(contents: String, name: String, message: String) throws {
        let error = try #require(try firstError(contents, name: name))
        #expect(error.contains("\(name):"), "\(error)")
        #expect(error.contains(message), "\(error)")
    }
}
