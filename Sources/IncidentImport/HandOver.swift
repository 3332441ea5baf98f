import Foundation

/// Items handed from one thread to another, at most `capacity` waiting: the giver waits for
/// room, the taker for an item. The giver ends with ``finish(failure:)``; either side may
/// ``cancel()``, after which ``put(_:)`` returns `false` and ``take()`` `nil`.
final class HandOver<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var items: [Item] = []
    private var finished = false, cancelled = false
    private var failure: ImportError?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room and hands `item` over; `false` once the taker no longer wants items.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// No more items: the taker gets `nil` after the last, or `failure` thrown.
    func finish(failure: ImportError?) {
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, `nil` after the last (or after ``cancel()``); throws the giver's failure
    /// once the items before it are taken.
    func take() throws(ImportError) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !cancelled { condition.wait() }
        if !items.isEmpty {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure, !cancelled { throw failure }
        return nil
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
