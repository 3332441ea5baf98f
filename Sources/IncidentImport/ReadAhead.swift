import Foundation
import IncidentMapCore

/// Reads and checks a file's incidents on a thread of its own, a chunk ahead of whoever stores
/// them: on a machine with two cores, parsing and SQLite's inserts then run at the same time
/// instead of one after the other.
///
/// At most a few chunks wait at any moment, so memory stays bounded whatever the file's size.
/// A bad row ends the reading: ``next()`` hands out the chunks read before it, then throws its
/// ``ImportError`` (so the caller can roll its transaction back). With `skipBadRows`, a row
/// refused for a fault of its own is handed out in its chunk's ``Chunk/rejected`` instead.
///
/// ```swift
/// let ahead = IncidentFileReader.ReadAhead(try IncidentFileReader(path: "acled.jsonl"))
/// defer { ahead.cancel() }
/// while let chunk = try ahead.next() { for incident in chunk.incidents { try batch.add(incident) } }
/// ```
extension IncidentFileReader {
    public final class ReadAhead: @unchecked Sendable {
        /// A run of incidents, the rows refused among them, and how far into the file they reach.
        public struct Chunk: Sendable {
            public var incidents: [Incident]
            public var bytesRead: Int64
            /// Rows refused, where bad rows are skipped.
            public var rejected: [RejectedRow] = []
        }

        private let chunks: HandOver<Chunk>
        /// The incidents of the chunk ``next()`` handed out last; used by the taker only.
        private var handedOut: [Incident]?
        /// Chunks the taker is done with, for the reading thread to free. Their strings were
        /// allocated on that thread: freed there, they go back to its own malloc arena, where
        /// freeing them on the storing thread took glibc's lock on the other arena (1M rows: the
        /// storing thread, the longer of the two, spent a tenth of its time freeing rows).
        private let spent = SpentChunks()
        private let skipBadRows: Bool
        /// Used by the reading thread only, once started.
        private let reader: IncidentFileReader

        /// Starts reading `reader` at once, `chunkSize` incidents a chunk, at most `depth`
        /// chunks ahead; with `skipBadRows`, past the rows refused. Call ``cancel()`` when
        /// giving up before the end: the reading thread holds on to this object until it stops.
        public init(_ reader: IncidentFileReader, skipBadRows: Bool = false, chunkSize: Int = 2048, depth: Int = 4) {
            chunks = HandOver(capacity: depth)
            self.skipBadRows = skipBadRows
            self.reader = reader
            let thread = Thread { [self] in
                self.read(chunkSize: chunkSize)
            }
            thread.name = "incidentmap read-ahead"
            thread.start()
        }

        private func read(chunkSize: Int) {
            var incidents: [Incident] = []
            incidents.reserveCapacity(chunkSize)
            var rejected: [RejectedRow] = []
            do throws(ImportError) {
                while let row = try reader.nextRow() {
                    switch consume row {
                    case .incident(let incident):
                        incidents.append(incident)
                    case .rejected(let refused):
                        guard skipBadRows else { throw ImportError.badRow(path: reader.path, line: refused.line, reason: refused.reason) }
                        rejected.append(refused)
                    }
                    if incidents.count == chunkSize {
                        guard hand(Chunk(incidents: incidents, bytesRead: reader.bytesRead, rejected: rejected)) else { return }
                        incidents.removeAll(keepingCapacity: true)
                        rejected.removeAll()
                    }
                }
                if !incidents.isEmpty || !rejected.isEmpty {
                    guard hand(Chunk(incidents: incidents, bytesRead: reader.bytesRead, rejected: rejected)) else { return }
                }
                end(failure: nil)
            } catch {
                end(failure: error)
            }
        }

        /// Waits for room and hands a chunk over; `false` once the reader is no longer wanted.
        private func hand(_ chunk: Chunk) -> Bool {
            spent.drop()
            return chunks.put(chunk)
        }

        private func end(failure: ImportError?) { chunks.finish(failure: failure) }

        /// The next chunk, `nil` after the last (or after ``cancel()``); throws the first bad
        /// row's error once the chunks before it are handed out.
        /// The chunk handed out before is the caller's no more.
        public func next() throws(ImportError) -> Chunk? {
            if let handedOut {
                spent.keep(handedOut)
                self.handedOut = nil
            }
            let chunk = try chunks.take()
            handedOut = chunk?.incidents
            return chunk
        }

        /// Stops the reading thread (when the caller gives up on the file).
        public func cancel() { chunks.cancel() }
    }
}

/// Rows a storing thread is done with, freed by the thread that read them (see
/// `ReadAhead.spent`).
private final class SpentChunks: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var chunks: [[Incident]] = []

    func keep(_ incidents: [Incident]) {
        lock.lock()
        chunks.append(incidents)
        lock.unlock()
    }

    /// Frees the kept chunks on the calling thread (the last reference to each is here).
    func drop() {
        lock.lock()
        let dropped = chunks
        chunks = []
        lock.unlock()
        _ = consume dropped
    }
}
