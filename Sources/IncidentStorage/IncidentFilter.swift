import Foundation
import IncidentMapCore

/// Which incidents an export, a map, a report or a count takes: all of them by default.
///
/// ```swift
/// let filter = IncidentFilter(since: try IncidentDate(parsing: "2019-04-01"),
///                             eventTypes: [.battles])
/// ```
public struct IncidentFilter: Hashable, Sendable {
    /// The first day included.
    public var since: IncidentDate?
    /// The last day included.
    public var until: IncidentDate?
    /// Event types to keep; empty keeps every type.
    public var eventTypes: Set<EventType>
    /// Keep only incidents inside this box (which may cross the antimeridian).
    public var boundingBox: BoundingBox?
    /// Keep only incidents stored after this moment (`ingested_at`, to the second): what is new
    /// since a report that saw the store up to then.
    public var storedAfter: Date?

    public init(since: IncidentDate? = nil, until: IncidentDate? = nil,
                eventTypes: Set<EventType> = [], boundingBox: BoundingBox? = nil, storedAfter: Date? = nil) {
        self.since = since
        self.until = until
        self.eventTypes = eventTypes
        self.boundingBox = boundingBox
        self.storedAfter = storedAfter
    }
}
