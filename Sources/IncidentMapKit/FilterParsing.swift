import IncidentMapCore
import IncidentStorage

/// The filters `export`, `map` and the server's `/incidents` take, read from text in one place:
/// the command line's options and the query's parameters give the same answers and the same
/// errors.
///
/// ```swift
/// let filter = try FilterParsing.filter(since: "2019-04-01", until: nil, eventTypes: ["Battles"], boundingBox: nil)
/// ```
public enum FilterParsing {
    /// A day: `2019-04-08`.
    public static func date(_ text: String, for parameter: FilterError.Parameter) throws(FilterError) -> IncidentDate {
        do {
            return try IncidentDate(parsing: text)
        } catch {
            throw .badValue(parameter, reason: error.description)
        }
    }

    /// An ACLED event type, in any case (`Battles`, `explosions/remote violence`).
    public static func eventType(_ name: String) throws(FilterError) -> EventType {
        guard let type = EventType(acledName: name) else { throw .unknownEventType(name) }
        return type
    }

    /// A box: `minLon,minLat,maxLon,maxLat` (minLon > maxLon crosses the antimeridian).
    public static func boundingBox(_ text: String) throws(FilterError) -> BoundingBox {
        do {
            return try BoundingBox(parsing: text)
        } catch {
            throw .badValue(.boundingBox, reason: error.description)
        }
    }

    /// The filter the values make, checked whole: `since` may not be after `until`.
    public static func filter(since: IncidentDate?, until: IncidentDate?, eventTypes: some Sequence<EventType>,
                              boundingBox: BoundingBox?) throws(FilterError) -> IncidentFilter {
        if let since, let until, since > until { throw .sinceAfterUntil(since: since, until: until) }
        return IncidentFilter(since: since, until: until, eventTypes: Set(eventTypes), boundingBox: boundingBox)
    }

    /// The filter the texts make, each read as above.
    public static func filter(since: String?, until: String?, eventTypes: [String],
                              boundingBox: String?) throws(FilterError) -> IncidentFilter {
        var types: [EventType] = []
        for name in eventTypes { types.append(try eventType(name)) }
        var first: IncidentDate?, last: IncidentDate?, box: BoundingBox?
        if let since { first = try date(since, for: .since) }
        if let until { last = try date(until, for: .until) }
        if let boundingBox { box = try Self.boundingBox(boundingBox) }
        return try filter(since: first, until: last, eventTypes: types, boundingBox: box)
    }
}

/// A filter value that cannot be used, naming the parameter it came in.
public enum FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The filters, by what they are called in a query (`since`) and on the command line (`--since`).
    public enum Parameter: String, Sendable {
        case since, until
        case eventType = "type"
        case boundingBox = "bbox"
    }

    case badValue(Parameter, reason: String)
    case unknownEventType(String)
    case sinceAfterUntil(since: IncidentDate, until: IncidentDate)

    /// The parameter that was wrong.
    public var parameter: Parameter {
        switch self {
        case .badValue(let parameter, _): return parameter
        case .unknownEventType: return .eventType
        case .sinceAfterUntil: return .since
        }
    }

    /// What was wrong, naming the other parameter as `naming` spells it (`until` or `--until`).
    public func reason(naming: (Parameter) -> String = \.rawValue) -> String {
        switch self {
        case .badValue(_, let reason): return reason
        case .unknownEventType(let name):
            return "'\(name)' is not an ACLED event type: use one of "
                + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        case .sinceAfterUntil(let since, let until):
            return "\(since) is after \(naming(.until)) \(until)"
        }
    }

    public var description: String { reason() }
}
