import IncidentMapCore
import IncidentStorage

extension PostGISStore {
    /// The GiST index narrows the search to boxes that contain the circle (`SearchArea`, the
    /// SpatiaLite store's boxes); Karney's distance on the WGS84 ellipsoid (`Geodesic`, PROJ's
    /// geodesic.h, the SpatiaLite store's measure) decides, on the coordinates as stored. Both
    /// stores therefore give the same incidents and the same metres, at the radius's edge too.
    /// (PostGIS's own `ST_Distance(geography, geography)` is GeographicLib's algorithm as
    /// well, but measured on the server, within a hair's breadth rather than bit for bit.)
    public func incidents(near centre: Coordinate, within radius: Length, limit: Int? = nil) throws -> [NearbyIncident] {
        var found: [NearbyIncident] = []
        try forEachRow(near: centre, within: radius, limit: limit) { row, distance in
            found.append(NearbyIncident(incident: try Incident(storedColumns: row), distanceMetres: distance))
        }
        return found
    }

    /// One statement per query: the GiST index narrows to the boxes, ``CirclePrefilter`` leaves
    /// out most of the box's corners on the server, and the same statement returns the
    /// remaining candidates' whole rows, in binary, from a statement prepared once per
    /// connection; Karney's distance then decides on the client. (Two round trips, ids then
    /// rows, and a text parse of every value made a query 4 ms at p50.)
    @discardableResult
    public func forEachRow(near centre: Coordinate, within radius: Length, limit: Int? = nil,
                           _ body: (any IncidentColumns, Double) throws -> Void) throws -> Int {
        let boxes = SearchArea.boxes(around: centre, radiusMetres: radius.metres)
        let prefilter = CirclePrefilter(centre: centre, radiusMetres: radius.metres, boxes: boxes)
        let corners = boxes.flatMap { [$0.minLongitude, $0.minLatitude, $0.maxLongitude, $0.maxLatitude] }
        let candidates = try withConnection { connection in
            if let prefilter {
                try connection.executePrepared("incidentmap_near_circle", sql: Self.nearSQL(boxes: 1, prefiltered: true),
                                               doubles: corners + prefilter.parameters)
            } else {
                try connection.executePrepared("incidentmap_near_\(boxes.count)", sql: Self.nearSQL(boxes: boxes.count),
                                               doubles: corners)
            }
        }
        let idColumn = IncidentColumnsSQL.names.count
        let latitude = Incident.Column.latitude.index, longitude = Incident.Column.longitude.index
        var hits: [(row: Int32, id: Int64, distanceMetres: Double)] = []
        for row in 0..<candidates.rowCount {
            let distance = Geodesic.distance(latitude1: centre.latitude, longitude1: centre.longitude,
                                             latitude2: candidates.double(row, latitude), longitude2: candidates.double(row, longitude))
            if distance <= radius.metres { hits.append((Int32(row), Int64(candidates.integer(row, idColumn)), distance)) }
        }
        hits.sort { ($0.distanceMetres, $0.id) < ($1.distanceMetres, $1.id) }
        let count = min(hits.count, max(0, limit ?? hits.count))
        for hit in hits.prefix(count) { try body(ResultRow(result: candidates, row: Int(hit.row)), hit.distanceMetres) }
        return count
    }

    /// The radius query's statement for `boxes` boxes (two when the circle crosses the
    /// antimeridian): the rows in ``Incident/Column`` order, then the row id. An `OR` of the
    /// boxes hands a row in both once. `prefiltered` (one box) adds ``CirclePrefilter``'s
    /// condition, its parameters after the box's.
    static func nearSQL(boxes: Int, prefiltered: Bool = false) -> String {
        let conditions = (0..<boxes).map { box in
            let first = box * 4
            return "geom && ST_MakeEnvelope($\(first + 1), $\(first + 2), $\(first + 3), $\(first + 4), 4326)"
        }
        let select = "SELECT \(IncidentColumnsSQL.selectList), id FROM incidents WHERE "
        guard prefiltered else { return select + conditions.joined(separator: " OR ") }
        precondition(boxes == 1, "the circle's prefilter is for one box")
        return select + conditions[0] + " AND " + CirclePrefilter.condition(first: 5)
    }
}
