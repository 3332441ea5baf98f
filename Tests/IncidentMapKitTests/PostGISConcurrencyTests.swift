import Foundation
import IncidentMapCore
import IncidentStorage
import Synchronization
import Testing
import TestSupport
@testable import IncidentMapKit

/// Several writers on one PostGIS store at once, each with its own store and connections, as
/// several processes on several machines would be: every id is stored once, the counts add up,
/// and a reader meanwhile sees whole files only.
@Suite struct PostGISConcurrencyTests {
    /// A value the writers and the reader share.
    final class Shared<Value: Sendable>: Sendable {
        private let mutex: Mutex<Value>
        init(_ value: Value) { mutex = Mutex(value) }
        func update(_ body: (inout Value) -> Void) { mutex.withLock { body(&$0) } }
        var value: Value { mutex.withLock { $0 } }
    }

    static let filesPerWriter = 3
    static let rowsPerFile = 400

    /// Writer `writer`'s file `file`: its own ids, plus (from every writer) the same 50 shared ids.
    static func file(writer: Int, file: Int) -> [Incident] {
        (0..<rowsPerFile).map { row in
            let shared = row < 50
            let id = shared ? "SHARED-\(file)-\(row)" : "W\(writer)-F\(file)-\(row)"
            return TestIncidents.incident(id, 32 + Double(row) / 1000, 13 + Double(writer) / 10)
        }
    }

    @Test func fourWritersStoreEveryIdOnceAndAReaderSeesWholeFiles() throws {
        let url = try ThrowawayPostgres.shared().makeDatabase()
        let writers = 4
        // The first open creates the schema; the writers then open stores of their own.
        try StoreLocation(url).open(.createIfMissing).close()
        let summaries = Shared<[IngestSummary]>([])
        let failures = Shared<[String]>([])
        let done = Shared(false)
        let seenCounts = Shared<Set<Int>>([])
        let readerEnded = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { readerEnded.signal() }
            guard let store = try? StoreLocation(url).open(.mustExist) else { return }
            while !done.value {
                if let count = try? store.count(matching: IncidentFilter()) { seenCounts.update { _ = $0.insert(count) } }
            }
        }
        reader.start()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let store = try StoreLocation(url).open(.mustExist)
                for file in 0..<Self.filesPerWriter {
                    let summary = try store.ingest { batch in
                        for incident in Self.file(writer: writer, file: file) { try batch.add(incident) }
                    }
                    summaries.update { $0.append(summary) }
                }
            } catch {
                failures.update { $0.append("writer \(writer): \(error)") }
            }
        }
        done.update { $0 = true }
        readerEnded.wait()
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(seenCounts.value.count > 1, "the reader saw the store only once")

        let store = try StoreLocation(url).open(.mustExist)
        let own = writers * Self.filesPerWriter * (Self.rowsPerFile - 50)
        let shared = Self.filesPerWriter * 50
        #expect(try store.count(matching: IncidentFilter()) == own + shared)
        let total = summaries.value.reduce(into: IngestSummary()) { $0 += $1 }
        #expect(total.added == own + shared)
        #expect(total.alreadyPresent == (writers - 1) * shared)
        // Each committed file adds its 350 own rows and 0 or 50 shared ones: a count a reader
        // saw is such a sum, never a file's rows in part.
        for count in seenCounts.value {
            let wholeFiles = (0...(writers * Self.filesPerWriter)).contains { files in
                (0...min(files, Self.filesPerWriter)).contains { sharedFiles in count == files * 350 + sharedFiles * 50 }
            }
            #expect(wholeFiles, "a reader saw \(count) rows: part of a file")
        }
    }
}
