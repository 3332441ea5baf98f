import IncidentStorage

/// `stats --by`: the incidents matching a filter counted by week, month, district, place, type
/// or actor (any of them combined), grouped by the store.
///
/// ```swift
/// let table = try CountIncidents(store: store).run(by: [.week, .type], matching: filter)
/// print(table.text(as: .csv), terminator: "")
/// ```
public struct CountIncidents: Sendable {
    /// The store counted.
    public let store: any StoreBackend

    /// Counts of `store`'s incidents.
    public init(store: any StoreBackend) { self.store = store }

    /// The groups of the incidents matching `filter` by `dimensions` (at least one), with their
    /// incidents and fatalities: time groups in time order, then the largest groups first.
    public func run(by dimensions: [StatisticsDimension], matching filter: IncidentFilter) throws -> StatisticsTable {
        StatisticsTable(dimensions: dimensions, groups: try store.statistics(by: dimensions, matching: filter))
    }
}
