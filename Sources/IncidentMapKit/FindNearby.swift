import Gazetteer
import GeoJSON
import IncidentMapCore
import IncidentStorage

/// `near` and the server's `/near`: the incidents within a radius of a point or of a place the
/// gazetteer knows, nearest first, with their geodesic distances.
///
/// ```swift
/// let nearby = FindNearby(store: store)
/// let centre = try nearby.resolve(.place("Mitiga"))
/// let hits = try nearby.incidents(near: centre.coordinate, within: try Length(parsing: "10km"))
/// ```
public struct FindNearby: Sendable {
    /// The centre of a search, as a user gives it.
    public enum Centre: Hashable, Sendable {
        case point(Coordinate)
        /// A place name, looked up in the gazetteer in force.
        case place(String)

        /// Reads `LAT,LON` as a point (refusing one out of range) and anything else as a
        /// place name: `32.8942,13.2761`, `Mitiga`, `قصر بن غشير`.
        public init(parsing text: String) throws(CoordinateError) {
            if text.contains(","), text.split(separator: ",").allSatisfy({ Double($0.trimmingCharacters(in: .whitespaces)) != nil }) {
                self = .point(try Coordinate(parsing: text))
            } else {
                self = .place(text)
            }
        }
    }

    /// A centre found: its point, and for a name the name, the place taken and the others of
    /// that name.
    public struct ResolvedCentre: Sendable {
        public var coordinate: Coordinate
        public var name: String?
        public var place: Place?
        /// Other places that bear the name as well (the largest was taken).
        public var namesakes: [Place]

        /// What to tell the user about a centre found by name; empty for a point.
        public var notes: [String] {
            guard let place else { return [] }
            var notes: [String] = []
            if !namesakes.isEmpty {
                notes.append("'\(name ?? place.nameEnglish)' names \(namesakes.count + 1) places; using \(place.nameEnglish) (\(place.id)), the largest. Give LAT,LON for another.")
            }
            notes.append("centre: \(place.nameEnglish) \(place.nameArabic ?? "") (\(place.id)) at \(place.coordinate.latitude),\(place.coordinate.longitude)")
            return notes
        }
    }

    /// The store searched.
    public let store: any StoreBackend
    private let gazetteer: Gazetteer?

    /// `gazetteer` names places; without one, the gazetteer in force for `store` is loaded when
    /// a name is first looked up.
    public init(store: any StoreBackend, gazetteer: Gazetteer? = nil) {
        self.store = store
        self.gazetteer = gazetteer
    }

    /// The centre's point: as given, or the best gazetteer match for a name (a
    /// `GazetteerError/noPlaceNamed(_:suggestions:)` with suggestions where none matches).
    public func resolve(_ centre: Centre) throws -> ResolvedCentre {
        switch centre {
        case .point(let coordinate):
            return ResolvedCentre(coordinate: coordinate, name: nil, place: nil, namesakes: [])
        case .place(let name):
            let named = try (try gazetteer ?? GazetteerInForce.load(for: store)).place(named: name)
            return ResolvedCentre(coordinate: named.place.coordinate, name: name, place: named.place, namesakes: named.namesakes)
        }
    }

    /// The incidents within `radius` of `centre`, nearest first, at most `limit`.
    public func incidents(near centre: Coordinate, within radius: Length, limit: Int? = nil) throws -> [NearbyIncident] {
        try store.incidents(near: centre, within: radius, limit: limit)
    }

    /// Streams the incidents within `radius` of `centre`, nearest first, to `sink` in `format`,
    /// each with its `distance_m`; returns how many.
    @discardableResult
    public func write(near centre: Coordinate, within radius: Length, limit: Int? = nil,
                      format: OutputFormat, to sink: ByteSink) throws -> Int {
        let writer = format.writer(to: sink)
        try writer.begin(extraColumns: ["distance_m"])
        let count = try store.forEachRow(near: centre, within: radius, limit: limit) { row, distance in
            try writer.write(columns: row, extra: [distance])
        }
        try writer.finish()
        return count
    }
}
