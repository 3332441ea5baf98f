import CSQLite
import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import NIOConcurrencyHelpers

/// A row found by a radius query: the store's row id and the geodesic distance in metres.
public struct NearbyRowID: Hashable, Sendable {
    public var rowID: Int64
    public var distanceMetres: Double
}

extension IncidentStore {
    /// Every incident whose geodesic distance from `centre` on the WGS84 ellipsoid is at most
    /// `radius`, nearest first (ties in id order), at most `limit` of them.
    ///
    /// The spatial index narrows the search to boxes that contain the circle (see
    /// `SearchArea`); the exact ellipsoidal distance then decides, so the answer equals a
    /// brute-force geodesic computation over every row.
    ///
    /// ```swift
    /// let hits = try store.incidents(near: mitiga, within: try Length(parsing: "10km"))
    /// ```
    public func incidents(near centre: Coordinate, within radius: Length, limit: Int? = nil) throws -> [NearbyIncident] {
        let hits = try nearbyRowIDs(near: centre, within: radius, limit: limit)
        var found: [NearbyIncident] = []
        try eachNearbyRow(hits) { handle, distance in
            found.append(NearbyIncident(incident: try IncidentRow.incident(fromStatement: handle), distanceMetres: distance))
        }
        return found
    }

    /// The rows of ``incidents(near:within:limit:)``, nearest first, with their distances,
    /// read straight from SQLite's buffers (a `StoredIncidentRow`): what `near` and the
    /// server write out, with no `Incident` built per row. Returns how many there were.
    @discardableResult
    public func forEachRow(near centre: Coordinate, within radius: Length, limit: Int? = nil,
                           _ body: (any IncidentColumns, Double) throws -> Void) throws -> Int {
        let hits = try nearbyRowIDs(near: centre, within: radius, limit: limit)
        try eachNearbyRow(hits) { handle, distance in try body(StoredIncidentRow(handle: handle), distance) }
        return hits.count
    }

    /// Reads the rows of `hits`, in their order, handing `body` each row's statement and distance.
    private func eachNearbyRow(_ hits: [NearbyRowID], _ body: (OpaquePointer, Double) throws -> Void) throws {
        try pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(IncidentRow.selectList) FROM incidents WHERE id = ?")
            for hit in hits {
                try statement.setArguments([hit.rowID])
                var seen = false
                try eachRow(db, statement: statement) { handle in
                    seen = true
                    try body(handle, hit.distanceMetres)
                }
                guard seen else {
                    throw StoreError.database(path: path, reason: "incident \(hit.rowID) vanished during the query")
                }
            }
        }
    }

    /// The store's row ids and distances of the incidents within `radius`, nearest first: the
    /// answer of ``incidents(near:within:limit:)`` without reading the incidents themselves.
    public func nearbyRowIDs(near centre: Coordinate, within radius: Length, limit: Int? = nil) throws -> [NearbyRowID] {
        // A large circle holds tens of thousands of candidates, each needing Karney's algorithm
        // (about 0.7 µs): the search boxes are cut into strips of latitude, and a reader
        // connection per core searches and measures every other strip at once (alternate
        // strips, so that a town in one part of the circle does not load one lane only). A
        // point on a cut can come back from two strips; sorting puts the copies side by side.
        let laneCount = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        let strips = SearchArea.strips(around: centre, radiusMetres: radius.metres, count: 4 * laneCount)
        let lanes = NearbyLanes(count: laneCount)
        DispatchQueue.concurrentPerform(iterations: laneCount) { lane in
            lanes.run(lane) {
                try self.pool.read { db in
                    try SpatialSQL.enlargeCacheForQueries(db)
                    let statement = try db.cachedStatement(sql: SpatialSQL.pointsInBoxSQL)
                    var hits: [NearbyRowID] = []
                    for (index, box) in strips.enumerated() where index % laneCount == lane {
                        try statement.setArguments([box.maxLongitude, box.minLongitude, box.maxLatitude, box.minLatitude])
                        // SQLite's own column calls: GRDB's `Row` casts each value dynamically,
                        // which cost more than the distance itself.
                        try self.eachRow(db, statement: statement) { handle in
                            let distance = Geodesic.distance(latitude1: centre.latitude, longitude1: centre.longitude,
                                                             latitude2: sqlite3_column_double(handle, 1),
                                                             longitude2: sqlite3_column_double(handle, 2))
                            if distance <= radius.metres {
                                hits.append(NearbyRowID(rowID: sqlite3_column_int64(handle, 0), distanceMetres: distance))
                            }
                        }
                    }
                    return hits
                }
            }
        }
        var candidates = try lanes.joined()
        candidates.sort { ($0.distanceMetres, $0.rowID) < ($1.distanceMetres, $1.rowID) }
        // The same row from two strips (or two boxes at the antimeridian): the same distance,
        // so side by side once sorted.
        var unique: [NearbyRowID] = []
        unique.reserveCapacity(candidates.count)
        for candidate in candidates where unique.last?.rowID != candidate.rowID || unique.last?.distanceMetres != candidate.distanceMetres {
            unique.append(candidate)
        }
        candidates = unique
        if let limit { candidates = Array(candidates.prefix(max(0, limit))) }
        return candidates
    }

    /// The same question asked of SpatiaLite in SQL (its spatial index, then
    /// `ST_Distance(…, 1)` on the ellipsoid): the reference the benchmarks compare with.
    public func spatiaLiteNearbyRowIDs(near centre: Coordinate, within radius: Length, useIndex: Bool = true) throws -> [Int64] {
        try readWithSpatiaLite { db in
            if useIndex {
                var ids: [Int64] = []
                for box in SearchArea.boxes(around: centre, radiusMetres: radius.metres) {
                    ids += try Int64.fetchAll(db, sql: SpatialSQL.referenceRadiusSQL, arguments: [
                        box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude,
                        centre.longitude, centre.latitude, radius.metres,
                    ])
                }
                return Array(Set(ids)).sorted()
            }
            return try Int64.fetchAll(db, sql: SpatialSQL.referenceFullScanSQL,
                                      arguments: [centre.longitude, centre.latitude, radius.metres]).sorted()
        }
    }
}

/// The answers of a radius query's parallel lanes: each lane keeps its answer or its error in
/// its own slot, under a lock taken once per lane (a few per query, against thousands of
/// distances measured between).
final class NearbyLanes: Sendable {
    private let results: NIOLockedValueBox<[Result<[NearbyRowID], any Error>]>

    init(count: Int) {
        results = NIOLockedValueBox(Array(repeating: .success([]), count: count))
    }

    /// Runs one lane's work and keeps its answer or its error.
    func run(_ lane: Int, _ work: () throws -> [NearbyRowID]) {
        let result = Result { try work() }
        results.withLockedValue { $0[lane] = result }
    }

    /// Every lane's hits, or the first error.
    func joined() throws -> [NearbyRowID] {
        var all: [NearbyRowID] = []
        for result in results.withLockedValue({ $0 }) { all += try result.get() }
        return all
    }
}
