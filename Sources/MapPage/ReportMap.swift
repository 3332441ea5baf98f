import Foundation
import IncidentMapCore

/// The report's map of the period, as SVG: the basemap's countries and district lines in Web
/// Mercator, cut to the incidents' extent, and one circle per place (incidents within about
/// 1 km), its area by count and its colour the type most of them have.
///
/// A still picture rather than Leaflet: a report is read, printed and forwarded, and must
/// show the same thing with scripts off.
struct ReportMap {
    /// Incidents that share a place on the map.
    struct Spot {
        var coordinate: Coordinate
        var name: String
        var incidents = 0
        var byType: [EventType: Int] = [:]
    }

    var spots: [Spot] = []
    private var index: [String: Int] = [:]

    mutating func add(_ incident: Incident) {
        // About 1 km: the same place told by several sources lands on one circle.
        let key = String(format: "%.2f,%.2f", incident.coordinate.latitude, incident.coordinate.longitude)
        let position = index[key] ?? {
            spots.append(Spot(coordinate: incident.coordinate, name: incident.location ?? ""))
            index[key] = spots.count - 1
            return spots.count - 1
        }()
        spots[position].incidents += 1
        spots[position].byType[incident.eventType, default: 0] += 1
    }

    static func mercatorY(_ latitude: Double) -> Double {
        log(tan(.pi / 4 + min(max(latitude, -85), 85) * .pi / 360)) * 180 / .pi
    }

    func svg(width: Int, height: Int, basemap: Basemap) -> String {
        let latitudes = spots.map(\.coordinate.latitude), longitudes = spots.map(\.coordinate.longitude)
        // Libya when there is nothing to show; otherwise the incidents with a margin, no less
        // than a city's surroundings.
        var west = longitudes.min() ?? 9, east = longitudes.max() ?? 25.5
        var south = Self.mercatorY(latitudes.min() ?? 19.5), north = Self.mercatorY(latitudes.max() ?? 33.5)
        let margin = max(east - west, north - south, 0.4) * 0.12
        west -= margin; east += margin; south -= margin; north += margin
        // The box takes the picture's shape, widened around its middle.
        let aspect = Double(width) / Double(height)
        if (east - west) / (north - south) < aspect {
            let grow = (north - south) * aspect - (east - west)
            west -= grow / 2; east += grow / 2
        } else {
            let grow = (east - west) / aspect - (north - south)
            south -= grow / 2; north += grow / 2
        }
        let scale = Double(width) / (east - west)
        func point(_ longitude: Double, _ latitude: Double) -> (Double, Double) {
            ((longitude - west) * scale, (north - Self.mercatorY(latitude)) * scale)
        }
        func path(_ rings: [[[Double]]], closed: Bool) -> String {
            rings.map { ring in
                ring.enumerated().map { offset, position in
                    let (x, y) = point(position[0], position[1])
                    return (offset == 0 ? "M" : "L") + String((x * 10).rounded() / 10) + " " + String((y * 10).rounded() / 10)
                }.joined() + (closed ? "Z" : "")
            }.joined()
        }
        let view = (west: west, east: east, south: Self.latitude(ofMercator: south), north: Self.latitude(ofMercator: north))
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"report-map\" width=\"\(width)\" height=\"\(height)\" "
                     + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Map of the incidents\">",
                     "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#cfe0ea\"/>"]
        for country in basemap.countries where country.overlaps(view) {
            let fill = country.code == "LBY" ? "#f6f1e3" : "#e8e8e4"
            parts.append("<path d=\"\(path(country.rings, closed: true))\" fill=\"\(fill)\" stroke=\"#8c8c8c\" stroke-width=\"0.8\" fill-rule=\"evenodd\"/>")
        }
        let lines = basemap.districtLines.filter { line in line.contains { $0[0] >= view.west && $0[0] <= view.east && $0[1] >= view.south && $0[1] <= view.north } }
        parts.append("<path d=\"\(path(lines, closed: false))\" fill=\"none\" stroke=\"#a08a6a\" stroke-dasharray=\"4 3\"/>")
        let largest = max(spots.map(\.incidents).max() ?? 1, 1)
        let ranked = spots.sorted { ($0.incidents, $1.name) > ($1.incidents, $0.name) }
        for spot in ranked.reversed() {
            let (x, y) = point(spot.coordinate.longitude, spot.coordinate.latitude)
            let radius = 4 + 14 * (Double(spot.incidents) / Double(largest)).squareRoot()
            let type = spot.byType.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key ?? .battles
            parts.append("<circle cx=\(format(x)) cy=\(format(y)) r=\(format(radius)) fill=\"\(WeeklyChart.colours[type] ?? "#555")\" "
                         + "fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"1.2\"><title>\(MapPage.escapeHTML(spot.name)): \(spot.incidents)</title></circle>")
        }
        // The busiest places named, as many as stay apart.
        var placed: [(Double, Double)] = []
        for spot in ranked.prefix(40) where !spot.name.isEmpty {
            let (x, y) = point(spot.coordinate.longitude, spot.coordinate.latitude)
            guard !placed.contains(where: { abs($0.0 - x) < 90 && abs($0.1 - y) < 14 }) else { continue }
            placed.append((x, y))
            parts.append("<text x=\(format(x + 9)) y=\(format(y + 4)) font-size=\"11\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" "
                         + "paint-order=\"stroke\">\(MapPage.escapeHTML(spot.name)) (\(spot.incidents))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func latitude(ofMercator y: Double) -> Double {
        (2 * atan(exp(y * .pi / 180)) - .pi / 2) * 180 / .pi
    }
}

/// The embedded basemap (`Data/map/basemap-*.geojson`), read for drawing in Swift.
struct Basemap {
    struct Country {
        var code: String
        var rings: [[[Double]]]
        var bounds: (west: Double, east: Double, south: Double, north: Double)

        func overlaps(_ view: (west: Double, east: Double, south: Double, north: Double)) -> Bool {
            bounds.west <= view.east && view.west <= bounds.east && bounds.south <= view.north && view.south <= bounds.north
        }
    }

    var countries: [Country] = []
    var districtLines: [[[Double]]] = []

    static func load() throws(MapPageError) -> Basemap {
        guard let countries = MapPage.resource("basemap-countries.geojson"), let districts = MapPage.resource("basemap-districts.geojson"),
              let countryFeatures = features(countries), let districtFeatures = features(districts) else {
            throw .templateBroken("the basemap is not embedded or not GeoJSON")
        }
        var basemap = Basemap()
        for feature in countryFeatures {
            let code = (feature["properties"] as? [String: Any])?["iso_a3"] as? String ?? ""
            let rings = polygons(of: feature).flatMap { $0 }
            let positions = rings.flatMap { $0 }
            guard !positions.isEmpty else { continue }
            basemap.countries.append(Country(code: code, rings: rings, bounds: (
                positions.map { $0[0] }.min()!, positions.map { $0[0] }.max()!, positions.map { $0[1] }.min()!, positions.map { $0[1] }.max()!)))
        }
        for feature in districtFeatures {
            guard let geometry = feature["geometry"] as? [String: Any] else { continue }
            switch geometry["type"] as? String {
            case "LineString": basemap.districtLines.append(geometry["coordinates"] as? [[Double]] ?? [])
            case "MultiLineString": basemap.districtLines += geometry["coordinates"] as? [[[Double]]] ?? []
            default: break
            }
        }
        return basemap
    }

    private static func features(_ text: String) -> [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["features"] as? [[String: Any]]
    }

    private static func polygons(of feature: [String: Any]) -> [[[[Double]]]] {
        guard let geometry = feature["geometry"] as? [String: Any] else { return [] }
        switch geometry["type"] as? String {
        case "Polygon": return [geometry["coordinates"] as? [[[Double]]] ?? []]
        case "MultiPolygon": return geometry["coordinates"] as? [[[[Double]]]] ?? []
        default: return []
        }
    }
}
