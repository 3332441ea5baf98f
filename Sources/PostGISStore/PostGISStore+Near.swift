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

    @discardableResult
    public func forEachRow(near centre: Coordinate, within radius: Length, limit: Int? = nil,
                           _ body: (any IncidentColumns, Double) throws -> Void) throws -> Int {
        let hits = try nearbyRowIDs(near: centre, within: radius, limit: limit)
        guard !hits.isEmpty else { return 0 }
        let rows = try withConnection { connection in
            try connection.execute("SELECT \(IncidentColumnsSQL.selectList), id FROM incidents WHERE id = ANY($1::bigint[])",
                                   [PostgresArray.integers(hits.map(\.id))])
        }
        var rowByID: [Int64: Int] = [:]
        for row in 0..<rows.rowCount { rowByID[Int64(rows.integer(row, IncidentColumnsSQL.names.count))] = row }
        for hit in hits {
            guard let row = rowByID[hit.id] else {
                throw PostGISStoreError.database(location: location, reason: "incident \(hit.id) vanished during the query",
                                                 sqlState: nil)
            }
            try body(ResultRow(result: rows, row: row), hit.distanceMetres)
        }
        return hits.count
    }

    /// The row ids and distances of the incidents within `radius`, nearest first (ties by id).
    func nearbyRowIDs(near centre: Coordinate, within radius: Length, limit: Int?) throws -> [(id: Int64, distanceMetres: Double)] {
        let boxes = SearchArea.boxes(around: centre, radiusMetres: radius.metres)
        let candidates = try withConnection { connection in
            try boxes.map { box in
                try connection.execute("""
                    SELECT id, latitude, longitude FROM incidents WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
                    """, [String(box.minLongitude), String(box.minLatitude), String(box.maxLongitude), String(box.maxLatitude)])
            }
        }
        var hits: [Int64: Double] = [:]
        for result in candidates {
            for row in 0..<result.rowCount {
                let distance = Geodesic.distance(latitude1: centre.latitude, longitude1: centre.longitude,
                                                 latitude2: result.double(row, 1), longitude2: result.double(row, 2))
                if distance <= radius.metres { hits[Int64(result.integer(row, 0))] = distance }
            }
        }
        var sorted = hits.map { (id: $0.key, distanceMetres: $0.value) }
        sorted.sort { ($0.distanceMetres, $0.id) < ($1.distanceMetres, $1.id) }
        if let limit { sorted = Array(sorted.prefix(max(0, limit))) }
        return sorted
    }
}
