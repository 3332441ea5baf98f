import IncidentStorage

/// `stats`: what the store holds.
///
/// ```swift
/// let statistics = try StoreSummary(store: store).run()
/// ```
public struct StoreSummary: Sendable {
    /// The store summarised.
    public let store: any StoreBackend

    /// A summary of `store`.
    public init(store: any StoreBackend) { self.store = store }

    /// Count, date range, bounding box and counts by event type.
    public func run() throws -> StoreStatistics {
        try store.statistics()
    }
}
