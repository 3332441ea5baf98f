import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage

extension IncidentStore {
    /// The places gazetteer refreshes stored (empty before the first refresh), by id.
    public func importedPlaces() throws -> [Place] {
        try pool.read { db in try PlaceTable.places(db) }
    }

    /// Runs `body` in one write transaction over the stored places and the incidents on them:
    /// a failure, or a killed process, leaves both as they were.
    public func updateGazetteer<Result>(_ body: (any GazetteerTransaction) throws -> Result) throws -> Result {
        try write { db in try body(PlaceTable(db: db)) }
    }
}

/// The `gazetteer_places` table and the incidents on its places, inside one write transaction.
final class PlaceTable: GazetteerTransaction {
    let db: Database

    init(db: Database) { self.db = db }

    static func places(_ db: Database) throws -> [Place] {
        try Row.fetchAll(db, sql: "SELECT * FROM gazetteer_places ORDER BY id").map { row in
            Place(id: row["id"], kind: PlaceKind(rawValue: row["kind"]) ?? .other,
                  nameEnglish: row["name_en"], nameArabic: row["name_ar"],
                  variants: (row["variants"] as String).split(separator: "|").map(String.init),
                  admin1: row["admin1"], parentID: row["parent"],
                  coordinate: try Coordinate(latitude: row["latitude"], longitude: row["longitude"]),
                  population: row["population"], countryCode: row["country"], source: row["source"])
        }
    }

    func importedPlaces() throws -> [Place] { try Self.places(db) }

    func replaceImportedPlaces(with places: [Place]) throws {
        try db.execute(sql: "DELETE FROM gazetteer_places")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO gazetteer_places (id, kind, name_en, name_ar, variants, admin1, parent, latitude,
                longitude, population, country, source, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(SpatialSQL.pointFromParameters))
            """)
        for place in places {
            try insert.execute(arguments: [
                place.id, place.kind.rawValue, place.nameEnglish, place.nameArabic,
                place.variants.joined(separator: "|"), place.admin1, place.parentID,
                place.coordinate.latitude, place.coordinate.longitude, place.population,
                place.countryCode, place.source, place.coordinate.longitude, place.coordinate.latitude,
            ])
        }
    }

    func updateIncidents(onPlace place: Place) throws -> Int {
        let update = try db.cachedStatement(sql: """
            UPDATE incidents SET latitude = ?, longitude = ?, geom = \(SpatialSQL.pointFromParameters),
                location = ?, location_ar = coalesce(?, location_ar)
            WHERE place_id = ?
            """)
        try update.execute(arguments: [
            place.coordinate.latitude, place.coordinate.longitude,
            place.coordinate.longitude, place.coordinate.latitude,
            place.nameEnglish, place.nameArabic, place.id,
        ])
        return db.changesCount
    }

    func countIncidents(onPlaces placeIDs: Set<String>) throws -> Int {
        guard !placeIDs.isEmpty else { return 0 }
        let ids = placeIDs.sorted()
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents WHERE place_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                arguments: StatementArguments(ids)) ?? 0
    }

    func recordRefresh(_ record: GazetteerRefreshRecord) throws {
        try db.execute(sql: """
            INSERT INTO gazetteer_refreshes (refreshed_at, source, places, added, removed, renamed, moved, incidents_updated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Timestamp.string(from: record.refreshedAt), record.source, record.places,
                             record.added, record.removed, record.renamed, record.moved, record.incidentsUpdated])
    }
}
