import ArgumentParser
import IncidentMapCore
import IncidentStore

/// The filters `export` (and later `map`) share.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents on or after this day.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Only incidents on or before this day.", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "Only this ACLED event type (repeat for several).",
        discussion: "One of: " + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
        valueName: "event-type"))
    var types: [String] = []

    @Option(help: ArgumentHelp(
        "Only incidents inside this box (minLon > maxLon crosses the antimeridian).",
        valueName: "minLon,minLat,maxLon,maxLat"))
    var bbox: String?

    func validate() throws { _ = try filter() }

    func filter() throws -> IncidentFilter {
        var filter = IncidentFilter()
        do {
            filter.since = try since.map { try IncidentDate(parsing: $0) }
            filter.until = try until.map { try IncidentDate(parsing: $0) }
            filter.boundingBox = try bbox.map { try BoundingBox(parsing: $0) }
        } catch {
            throw ValidationError(String(describing: error))
        }
        for name in types {
            guard let type = EventType(acledName: name) else {
                throw ValidationError("'\(name)' is not an ACLED event type: use one of "
                                      + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            filter.eventTypes.insert(type)
        }
        if let since = filter.since, let until = filter.until, since > until {
            throw ValidationError("--since \(since) is after --until \(until)")
        }
        return filter
    }
}
