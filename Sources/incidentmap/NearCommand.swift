import ArgumentParser
import Foundation
import GeoJSON
import IncidentMapCore
import IncidentMapKit
import IncidentStorage

struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "List the incidents within a radius of a point, nearest first.",
        discussion: """
            Distances are geodesic on the WGS84 ellipsoid (Karney's algorithm, the figures of \
            GeographicLib and of SpatiaLite's ST_Distance(a, b, 1)); the spatial index narrows \
            the search, the exact distance decides. Each result carries distance_m.

            Example: incidentmap near 32.8942,13.2761 --radius 10km
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp(
        "The centre: LAT,LON in decimal degrees, or a place name from the gazetteer.",
        discussion: "A name is looked up in the gazetteer (with the places a refresh stored): `near Mitiga`, `near \"قصر بن غشير\"`.",
        valueName: "lat,lon|place"), transform: { try FindNearby.Centre(parsing: $0) })
    var centre: FindNearby.Centre

    @Option(help: ArgumentHelp("The radius, with a unit: m, km, mi or nmi.", valueName: "length"),
            transform: { try Length(parsing: $0) })
    var radius = Length(metres: 10_000)

    @Option(help: "Output format: table, json or geojson.")
    var format: NearFormat = .table

    @Option(help: "Return at most this many incidents (the nearest).")
    var limit: Int?

    enum NearFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, geojson
    }

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let nearby = FindNearby(store: try store.open(.mustExist))
        let found: FindNearby.ResolvedCentre
        do {
            found = try nearby.resolve(centre)
        } catch {
            throw CommandFailure(error)
        }
        found.notes.forEach(printError)
        do {
            switch format {
            case .table:
                printOutput(Self.table(try nearby.incidents(near: found.coordinate, within: radius, limit: limit),
                                       centre: found.coordinate, radius: radius))
            case .json, .geojson:
                try nearby.write(near: found.coordinate, within: radius, limit: limit,
                                 format: format == .json ? .json : .geojson, to: ByteSink())
            }
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The plain-text answer `near` prints by default.
    static func table(_ hits: [NearbyIncident], centre: Coordinate, radius: Length) -> String {
        let title = "\(hits.count) incident(s) within \(radius) of \(centre.latitude),\(centre.longitude)"
        guard !hits.isEmpty else { return title }
        let table = TextTable(
            header: ["distance_m", "event_date", "event_type", "sub_event_type", "location", "event_id_cnty"],
            rows: hits.map { hit in
                [String(format: "%.1f", hit.distanceMetres), hit.incident.eventDate.description,
                 hit.incident.eventType.rawValue, hit.incident.subEventType ?? "",
                 hit.incident.location ?? "", hit.incident.eventID]
            })
        return title + "\n" + table.description
    }
}
