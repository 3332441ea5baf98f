import ArgumentParser
import Foundation
import Gazetteer
import GeoJSON
import IncidentMapCore
import IncidentStore

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
        valueName: "lat,lon|place"))
    var centre: String

    @Option(help: ArgumentHelp("The radius, with a unit: m, km, mi or nmi.", valueName: "length"))
    var radius: String = "10km"

    @Option(help: "Output format: table, json or geojson.")
    var format: NearFormat = .table

    @Option(help: "Return at most this many incidents (the nearest).")
    var limit: Int?

    enum NearFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, geojson
    }

    func validate() throws {
        do {
            _ = try Length(parsing: radius)
        } catch {
            throw ValidationError(String(describing: error))
        }
        if centre.contains(","), centre.split(separator: ",").allSatisfy({ Double($0.trimmingCharacters(in: .whitespaces)) != nil }) {
            do {
                _ = try Coordinate(parsing: centre)
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let length = try Length(parsing: radius)
        let incidentStore = try store.open(.mustExist)
        let point = try centrePoint(incidentStore)
        do {
            switch format {
            case .table:
                print(NearTable.render(try incidentStore.incidents(near: point, within: length, limit: limit),
                                       centre: point, radius: length))
            case .json, .geojson:
                let writer = (format == .json ? OutputFormat.json : .geojson).writer(to: ByteSink())
                try writer.begin(extraColumns: ["distance_m"])
                try incidentStore.forEachRow(near: point, within: length, limit: limit) { row, distance in
                    try writer.write(columns: row, extra: [distance])
                }
                try writer.finish()
            }
        } catch {
            throw CommandFailure(error)
        }
    }
}

extension NearCommand {
    /// The centre: a coordinate as typed, or the best gazetteer match for a name.
    func centrePoint(_ incidentStore: IncidentStore) throws -> Coordinate {
        if let point = try? Coordinate(parsing: centre) { return point }
        let gazetteer: Gazetteer
        do {
            gazetteer = try incidentStore.gazetteer()
        } catch {
            throw CommandFailure(error)
        }
        let named: NamedPlace
        do {
            named = try gazetteer.place(named: centre)
        } catch {
            throw CommandFailure(error)
        }
        let best = named.place
        if !named.namesakes.isEmpty {
            printError("'\(centre)' names \(named.namesakes.count + 1) places; using \(best.nameEnglish) (\(best.id)), the largest. Give LAT,LON for another.")
        }
        printError("centre: \(best.nameEnglish) \(best.nameArabic ?? "") (\(best.id)) at \(best.coordinate.latitude),\(best.coordinate.longitude)")
        return best.coordinate
    }
}

/// The plain-text table `near` prints by default.
enum NearTable {
    static func render(_ hits: [NearbyIncident], centre: Coordinate, radius: Length) -> String {
        var lines = ["\(hits.count) incident(s) within \(radius) of \(centre.latitude),\(centre.longitude)"]
        guard !hits.isEmpty else { return lines.joined(separator: "\n") }
        let rows = hits.map { hit -> [String] in
            [String(format: "%.1f", hit.distanceMetres), hit.incident.eventDate.description,
             hit.incident.eventType.rawValue, hit.incident.subEventType ?? "",
             hit.incident.location ?? "", hit.incident.eventID]
        }
        let header = ["distance_m", "event_date", "event_type", "sub_event_type", "location", "event_id_cnty"]
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header] + rows {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }
}
