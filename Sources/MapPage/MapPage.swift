import Foundation
import Gazetteer
import GeoJSON
import IncidentMapCore

/// The map page: one HTML file with Leaflet, the country outlines and Libya's districts (see
/// `Data/basemap/README.md`), the gazetteer's places, a weekly timeline and (for
/// `incidentmap map`) the incidents inlined, which opens from disk with no network.
/// `incidentmap serve` sends the same page in its live mode, where the script reads the
/// incidents from the API instead.
///
/// ```swift
/// let page = MapPage(title: "Tripoli, April 2019", labels: MapPage.mainLabels(in: gazetteer),
///                    assets: try MapAssets.load())
/// let sink = try ByteSink(path: "incidents.html")
/// try page.write(to: sink) { writer in
///     try store.forEachRow { try writer.write(columns: $0, extra: []) }
/// }
/// ```
public struct MapPage: Sendable {
    /// A place drawn as a label under the incidents.
    public struct Label: Hashable, Sendable {
        public var name: String
        public var nameArabic: String?
        public var coordinate: Coordinate
        /// The smallest zoom at which the label is drawn (where it overlaps no label of a lower
        /// zoom): 0 for the main cities, larger for towns and then a city's quarters.
        public var minimumZoom: Int

        public init(name: String, nameArabic: String?, coordinate: Coordinate, minimumZoom: Int) {
            self.name = name
            self.nameArabic = nameArabic
            self.coordinate = coordinate
            self.minimumZoom = minimumZoom
        }

        /// Labelled at every zoom.
        public var isMajor: Bool { minimumZoom == 0 }
    }

    public var title: String
    public var labels: [Label]
    public var assets: MapAssets

    public init(title: String, labels: [Label], assets: MapAssets) {
        self.title = title
        self.labels = labels
        self.assets = assets
    }

    /// The zoom from which a place is labelled: cities of 100,000 people or more at every zoom,
    /// other cities and towns of 20,000 from zoom 7 (a region), smaller towns and airports from
    /// 9 (a city and its surroundings), a city's quarters from 12 (its streets); villages and
    /// every other kind never (the gazetteer has about 900 villages, too many to draw).
    static func minimumZoom(of place: Place) -> Int? {
        let population = place.population ?? 0
        switch place.kind {
        case _ where population >= 100_000: return 0
        case .city: return 7
        case .town: return population >= 20_000 ? 7 : 9
        case .airport: return 9
        case .neighbourhood: return 12
        default: return nil
        }
    }

    /// The gazetteer's Libyan cities, towns, airports and city quarters, most important first.
    /// A name given twice within 10 km (GeoNames' Az Zawiyah and Zawiya, both الزاوية) is
    /// labelled once, at the larger place. The districts (shaʿbiyat) are labelled from the
    /// basemap, at their areas' middles.
    public static func mainLabels(in gazetteer: Gazetteer) -> [Label] {
        let candidates = gazetteer.places.values
            .compactMap { place in place.isLibyan ? minimumZoom(of: place).map { (place, $0) } : nil }
            .sorted { ($0.1, -($0.0.population ?? 0), $0.0.id) < ($1.1, -($1.0.population ?? 0), $1.0.id) }
        var kept: [(place: Place, zoom: Int)] = []
        var byName: [String: [Place]] = [:]
        for (place, zoom) in candidates {
            let keys = [place.nameEnglish] + (place.nameArabic.map { [$0] } ?? [])
            let repeated = keys.contains { key in
                byName[key, default: []].contains { Geodesic.distance(from: $0.coordinate, to: place.coordinate) < 10_000 }
            }
            if repeated { continue }
            kept.append((place, zoom))
            for key in keys { byName[key, default: []].append(place) }
        }
        return kept.map { Label(name: $0.place.nameEnglish, nameArabic: $0.place.nameArabic, coordinate: $0.place.coordinate,
                                minimumZoom: $0.zoom) }
    }

    /// Writes the page with the incidents `incidents` hands to the writer inlined, and finishes
    /// the sink (which moves a file into place). Returns what `incidents` returns.
    @discardableResult
    public func write<Result>(to sink: ByteSink, incidents: (any IncidentWriter) throws -> Result) throws -> Result {
        let pieces = try Self.templatePieces()
        var result: Result?
        for piece in pieces {
            switch piece {
            case .text(let text): try sink.write(text)
            case .slot(let slot):
                if slot == "DATA" {
                    let writer = MapRowsWriter(sink: sink, finishesSink: false)
                    try writer.begin(extraColumns: [])
                    result = try incidents(writer)
                    try writer.finish()
                } else {
                    try sink.write(try value(of: slot, live: false))
                }
            }
        }
        try sink.finish()
        guard let result else { throw MapPageError.templateBroken("no @@DATA@@ slot") }
        return result
    }

    /// The page in live mode: the script fetches `/incidents?format=rows` and asks `/near` for
    /// radius searches, from the server that sent it.
    public func liveHTML() throws -> String {
        try Self.templatePieces().map { piece in
            switch piece {
            case .text(let text): return text
            case .slot(let slot): return slot == "DATA" ? "" : try value(of: slot, live: true)
            }
        }.joined()
    }

    // MARK: - The template

    enum Piece: Equatable {
        case text(String)
        case slot(String)
    }

    /// `map.html` cut at its `@@NAME@@` slots. The slots are filled in one pass, so text put
    /// into one (Leaflet's code, say) is never searched for slots itself.
    static func templatePieces() throws(MapPageError) -> [Piece] {
        guard let template = resource("map.html") else { throw .templateBroken("map.html is not embedded") }
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.range(of: "@@") {
            pieces.append(.text(String(rest[..<open.lowerBound])))
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "@@") else { throw .templateBroken("an @@ slot is not closed") }
            pieces.append(.slot(String(afterOpen[..<close.lowerBound])))
            rest = afterOpen[close.upperBound...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }

    static func resource(_ name: String) -> String? {
        EmbeddedResources.files.first { $0.name == name }?.text
    }

    func value(of slot: String, live: Bool) throws(MapPageError) -> String {
        switch slot {
        case "HEAD":
            guard let css = Self.resource("map.css") else { throw .templateBroken("map.css is not embedded") }
            return PageHead(title: title, comment: """
                Leaflet \(Self.escapeHTML(assets.leafletVersion)) from Debian's libjs-leaflet (BSD-2-Clause) and the cluster icons'
                     style from libjs-leaflet.markercluster (MIT), inlined so that the page works offline.
                """, styles: [assets.leafletStyle, assets.clusterStyle, css]).html
        case "TITLE": return Self.escapeHTML(title)
        case "LEAFLET_JS": return assets.leafletScript
        case "PAGE_JS":
            guard let script = Self.resource("map.js") else { throw .templateBroken("map.js is not embedded") }
            return script
        case "BASEMAP":
            guard let basemap = Self.resource("basemap-countries.geojson") else { throw .templateBroken("the basemap is not embedded") }
            return Self.scriptSafe(basemap)
        case "DISTRICTS":
            guard let districts = Self.resource("basemap-districts.geojson") else { throw .templateBroken("the districts are not embedded") }
            return Self.scriptSafe(districts)
        case "CONFIG": return configJSON(live: live)
        default: throw .templateBroken("unknown slot @@\(slot)@@")
        }
    }

    func configJSON(live: Bool) -> String {
        let config = Config(mode: live ? "live" : "file", title: title,
                            places: labels.map { Config.Place($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(config)) ?? Data("{}".utf8)
        return Self.scriptSafe(String(decoding: data, as: UTF8.self))
    }

    /// What the page's script is told: whether it reads the incidents inlined or from the API,
    /// where the API is, the title, where to look first, and the places to label.
    struct Config: Codable, Equatable {
        /// A label: the place's names, where it is, and the zoom from which it is named.
        struct Place: Codable, Equatable {
            var name: String
            var nameArabic: String?
            var lat: Double
            var lon: Double
            var minimumZoom: Int

            enum CodingKeys: String, CodingKey {
                case name, lat, lon
                case nameArabic = "name_ar"
                case minimumZoom = "min_zoom"
            }

            init(_ label: Label) {
                name = label.name
                nameArabic = label.nameArabic
                lat = label.coordinate.latitude
                lon = label.coordinate.longitude
                minimumZoom = label.minimumZoom
            }
        }

        /// The first view.
        struct View: Codable, Equatable {
            var lat: Double
            var lon: Double
            var zoom: Int
        }

        /// `file` (incidents inlined) or `live` (read from the server that sent the page).
        var mode: String
        /// The API's base URL; empty for the server that sent the page.
        var apiBase = ""
        var title: String
        /// Libya, until the incidents say where to look.
        var view = View(lat: 27.0, lon: 17.0, zoom: 5)
        var places: [Place]
    }

    /// JSON that can stand inside `<script>`: `<` as its JSON escape.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
