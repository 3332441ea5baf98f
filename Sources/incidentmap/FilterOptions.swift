import ArgumentParser
import IncidentMapCore
import IncidentMapKit
import IncidentStorage

/// The filters `export` and `map` share, each value read once into its type.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents on or after this day.", valueName: "YYYY-MM-DD"),
            transform: { try FilterParsing.date($0, for: .since) })
    var since: IncidentDate?

    @Option(help: ArgumentHelp("Only incidents on or before this day.", valueName: "YYYY-MM-DD"),
            transform: { try FilterParsing.date($0, for: .until) })
    var until: IncidentDate?

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "Only this ACLED event type (repeat for several).",
        discussion: "One of: " + EventType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
        valueName: "event-type"), transform: { try FilterParsing.eventType($0) })
    var types: [EventType] = []

    @Option(help: ArgumentHelp(
        "Only incidents inside this box (minLon > maxLon crosses the antimeridian).",
        valueName: "minLon,minLat,maxLon,maxLat"), transform: { try FilterParsing.boundingBox($0) })
    var bbox: BoundingBox?

    func validate() throws { _ = try filter() }

    func filter() throws -> IncidentFilter {
        do {
            return try FilterParsing.filter(since: since, until: until, eventTypes: types, boundingBox: bbox)
        } catch {
            let option = { (parameter: FilterError.Parameter) in "--" + parameter.rawValue }
            throw ValidationError(option(error.parameter) + " " + error.reason(naming: option))
        }
    }
}
