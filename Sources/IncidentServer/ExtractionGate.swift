import Foundation
import NIOConcurrencyHelpers

/// Admits at most `limit` extractions at once and runs each on a thread of its own, off the
/// event loops and off Swift's cooperative pool.
///
/// Extraction is CPU-bound and synchronous: run inline in a handler it holds one of the
/// cooperative pool's threads (two on a two-core machine) until it ends, and two long articles
/// stalled every other client. A request that finds every slot taken is refused at once with
/// ``APIError/busy(retryAfterSeconds:)`` (503, `Retry-After`) rather than queued: a queue would
/// hold each waiting body in memory and answer late anyway.
///
/// A thread per admitted extraction, not `NIOThreadPool`: the gate already bounds how many exist
/// at once, a thread costs microseconds against an extraction's milliseconds, and a pool would
/// have to be started and stopped with the server (a pool deinitialised while running traps).
///
/// ```swift
/// let gate = ExtractionGate(limit: 2)
/// let incidents = try await gate.run { extractor.extract(article) }
/// ```
final class ExtractionGate: Sendable {
    /// The most extractions that run at once.
    let limit: Int
    private let running = NIOLockedValueBox(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The extractions running now.
    var inProgress: Int { running.withLockedValue { $0 } }

    /// Runs `work` on a thread of its own once a slot is free; throws ``APIError/busy(retryAfterSeconds:)``
    /// when none is. The slot is held until `work` returns, even if the caller was cancelled in
    /// the meantime: the thread is still busy, and the bound is on busy threads.
    func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws -> Value {
        let admitted = running.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw APIError.busy(retryAfterSeconds: 1) }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let value = work()
                self.running.withLockedValue { $0 -= 1 }
                continuation.resume(returning: value)
            }
            thread.name = "incidentmap-extraction"
            thread.start()
        }
    }
}
