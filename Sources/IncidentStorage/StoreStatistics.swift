import IncidentMapCore

/// A summary of what the store holds.
public struct StoreStatistics: Hashable, Sendable {
    public var count: Int
    public var firstDate: IncidentDate?
    public var lastDate: IncidentDate?
    /// The box around every incident, or `nil` for an empty store.
    public var boundingBox: BoundingBox?
    /// How many incidents of each event type, most first.
    public var countsByEventType: [(eventType: String, count: Int)]

    public init(count: Int, firstDate: IncidentDate?, lastDate: IncidentDate?, boundingBox: BoundingBox?,
                countsByEventType: [(eventType: String, count: Int)]) {
        self.count = count
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.boundingBox = boundingBox
        self.countsByEventType = countsByEventType
    }

    public static func == (lhs: StoreStatistics, rhs: StoreStatistics) -> Bool {
        lhs.count == rhs.count && lhs.firstDate == rhs.firstDate && lhs.lastDate == rhs.lastDate
            && lhs.boundingBox == rhs.boundingBox
            && lhs.countsByEventType.map(\.eventType) == rhs.countsByEventType.map(\.eventType)
            && lhs.countsByEventType.map(\.count) == rhs.countsByEventType.map(\.count)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(count) }
}
