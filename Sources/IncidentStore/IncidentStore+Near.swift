import GRDB
import IncidentMapCore

/// An incident found by a radius query, with its geodesic distance from the centre.
public struct NearbyIncident: Hashable, Sendable {
    public var incident: Incident
    /// Geodesic distance on the WGS84 ellipsoid, in metres.
    public var distanceMetres: Double
}

extension IncidentStore {
    /// Every incident whose geodesic distance from `centre` on the WGS84 ellipsoid is at most
    /// `radius`, nearest first (ties in id order), at most `limit` of them.
    ///
    /// The spatial index narrows the search to boxes that contain the circle (see
    /// ``SearchArea``); the exact ellipsoidal distance then decides, so the answer equals a
    /// brute-force geodesic computation over every row.
    ///
    /// ```swift
    /// let hits = try store.incidents(near: mitiga, within: try Length(parsing: "10km"))
    /// ```
    public func incidents(near centre: Coordinate, within radius: Length, limit: Int? = nil) throws -> [NearbyIncident] {
        let boxes = SearchArea.boxes(around: centre, radiusMetres: radius.metres)
        var candidates: [(id: Int64, distance: Double)] = []
        try pool.read { db in
            for box in boxes {
                let indexed = SpatialSQL.rowsInBox(minLongitude: box.minLongitude, minLatitude: box.minLatitude,
                                                   maxLongitude: box.maxLongitude, maxLatitude: box.maxLatitude)
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, latitude, longitude FROM incidents WHERE \(indexed.sql)",
                    arguments: indexed.arguments)
                while let row = try rows.next() {
                    let distance = Geodesic.distance(latitude1: centre.latitude, longitude1: centre.longitude,
                                                     latitude2: row[1], longitude2: row[2])
                    if distance <= radius.metres { candidates.append((row[0], distance)) }
                }
            }
        }
        // Boxes split at the antimeridian can share the seam's points: keep each row once.
        var seen = Set<Int64>()
        candidates = candidates.filter { seen.insert($0.id).inserted }
        candidates.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
        if let limit { candidates = Array(candidates.prefix(max(0, limit))) }
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(IncidentRow.selectList) FROM incidents WHERE id = ?")
            return try candidates.map { candidate in
                guard let row = try Row.fetchOne(statement, arguments: [candidate.id]) else {
                    throw StoreError.database(path: path, reason: "incident \(candidate.id) vanished during the query")
                }
                return NearbyIncident(incident: try IncidentRow.incident(from: row), distanceMetres: candidate.distance)
            }
        }
    }
}
