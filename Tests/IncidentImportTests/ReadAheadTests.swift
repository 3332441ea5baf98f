import Foundation
import IncidentImport
import IncidentMapCore
import Testing
import TestSupport

@Suite struct ReadAheadTests {
    static func rows(_ count: Int, badAt badLine: Int? = nil) -> String {
        (1...count).map { line in
            line == badLine
                ? #"{"event_date": "2019-04-08", "event_type": "Battles", "latitude": 95, "longitude": 13.2}"#
                : #"{"event_id_cnty": "R\#(line)", "event_date": "2019-04-08", "event_type": "Battles", "latitude": 32.9, "longitude": 13.2}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func handsOutEveryIncidentInOrderInChunks() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rows.jsonl", Self.rows(5000))
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: path), chunkSize: 1000, depth: 2)
        defer { ahead.cancel() }
        var ids: [String] = []
        var lastBytes: Int64 = 0
        while let chunk = try ahead.next() {
            #expect(chunk.incidents.count <= 1000)
            #expect(chunk.bytesRead >= lastBytes)
            lastBytes = chunk.bytesRead
            ids += chunk.incidents.map(\.eventID)
        }
        #expect(ids == (1...5000).map { "R\($0)" })
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        #expect(lastBytes == size?.int64Value)
    }

    @Test func aBadRowEndsTheReadingWithItsLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rows.jsonl", Self.rows(3000, badAt: 2500))
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: path), chunkSize: 1000)
        defer { ahead.cancel() }
        var read = 0
        #expect(throws: ImportError.badRow(path: path, line: 2500, reason: "latitude 95.0 is outside -90…90: check that latitude and longitude are not swapped")) {
            while let chunk = try ahead.next() { read += chunk.incidents.count }
        }
        #expect(read == 2000, "the whole chunks before the bad row")
    }

    @Test func cancellingStopsTheReaderThatWaitsForRoom() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rows.jsonl", Self.rows(20_000))
        let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: path), chunkSize: 100, depth: 1)
        #expect(try ahead.next()?.incidents.count == 100)
        ahead.cancel()
        // Nothing waits any more: the reading thread stops at its next chunk, and the caller
        // gets at most the chunk that was ready, then the end.
        var after = 0
        while let chunk = try ahead.next() { after += chunk.incidents.count }
        #expect(after <= 100)
    }
}
