/// What incidents can be counted by: `incidentmap stats --by week,type`, the page's timeline
/// and the report's tables. Every backend groups by the same keys (see
/// ``StoreBackend/statistics(by:matching:)``).
///
/// ```swift
/// let weekly = try store.statistics(by: [.week, .type], matching: IncidentFilter())
/// ```
public enum StatisticsDimension: String, CaseIterable, Sendable {
    /// The week (Monday to Sunday) of `event_date`, named by its Monday: `2019-04-01`.
    case week
    /// The month of `event_date`: `2019-04`.
    case month
    /// The district (`admin1`).
    case admin1
    /// The place (`location`).
    case location
    /// The ACLED event type.
    case type
    /// Each actor: an incident between two actors counts once under each, so counts by actor
    /// add up to more than the incidents.
    case actor

    /// Whether the dimension is a time, whose groups are listed in time order.
    public var isTime: Bool { self == .week || self == .month }
}

/// One group of incidents: its key for each dimension asked for (in the order asked; empty
/// where the incidents have no value, such as no `admin1`), how many incidents and their
/// fatalities.
///
/// ```swift
/// StatisticsGroup(keys: ["2019-04-01", "Battles"], incidents: 12, fatalities: 9)
/// ```
public struct StatisticsGroup: Hashable, Sendable, Codable {
    /// The group's key for each dimension, in the order the dimensions were asked for.
    public var keys: [String]
    /// How many incidents are in the group.
    public var incidents: Int
    /// Their fatalities, summed.
    public var fatalities: Int

    public init(keys: [String], incidents: Int, fatalities: Int) {
        self.keys = keys
        self.incidents = incidents
        self.fatalities = fatalities
    }
}
