import Foundation
import IncidentMapCore
import IncidentStorage

extension PostGISStore {
    /// The places gazetteer refreshes stored (empty before the first refresh), by id.
    public func importedPlaces() throws -> [Place] {
        try withConnection { connection in try PlaceRows(connection: connection).importedPlaces() }
    }

    /// Runs `body` in one transaction over the stored places and the incidents on them: a
    /// failure, or a killed process, leaves both as they were.
    public func updateGazetteer<Result>(_ body: (any GazetteerTransaction) throws -> Result) throws -> Result {
        try transaction { connection in try body(PlaceRows(connection: connection)) }
    }
}

/// The `gazetteer_places` table and the incidents on its places, inside one transaction.
final class PlaceRows: GazetteerTransaction {
    let connection: PostgresConnection

    init(connection: PostgresConnection) { self.connection = connection }

    func importedPlaces() throws -> [Place] {
        let rows = try connection.execute("""
            SELECT id, kind, name_en, name_ar, variants, admin1, parent, latitude, longitude, population, country, source
            FROM gazetteer_places ORDER BY id
            """)
        return try (0..<rows.rowCount).map { row in
            Place(id: rows.string(row, 0) ?? "", kind: PlaceKind(rawValue: rows.string(row, 1) ?? "") ?? .other,
                  nameEnglish: rows.string(row, 2) ?? "", nameArabic: rows.string(row, 3),
                  variants: (rows.string(row, 4) ?? "").split(separator: "|").map(String.init),
                  admin1: rows.string(row, 5), parentID: rows.string(row, 6),
                  coordinate: try Coordinate(latitude: rows.double(row, 7), longitude: rows.double(row, 8)),
                  population: rows.string(row, 9).flatMap { Int($0) }, countryCode: rows.string(row, 10) ?? "",
                  source: rows.string(row, 11) ?? "")
        }
    }

    func replaceImportedPlaces(with places: [Place]) throws {
        try connection.execute("DELETE FROM gazetteer_places")
        for place in places {
            try connection.execute("""
                INSERT INTO gazetteer_places (id, kind, name_en, name_ar, variants, admin1, parent, latitude, longitude,
                    population, country, source, geom)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ST_SetSRID(ST_MakePoint($9, $8), 4326))
                """, [place.id, place.kind.rawValue, place.nameEnglish, place.nameArabic, place.variants.joined(separator: "|"),
                      place.admin1, place.parentID, String(place.coordinate.latitude), String(place.coordinate.longitude),
                      place.population.map(String.init), place.countryCode, place.source])
        }
    }

    func updateIncidents(onPlace place: Place) throws -> Int {
        try connection.execute("""
            UPDATE incidents SET latitude = $1, longitude = $2, geom = ST_SetSRID(ST_MakePoint($2, $1), 4326),
                location = $3, location_ar = coalesce($4, location_ar)
            WHERE place_id = $5
            """, [String(place.coordinate.latitude), String(place.coordinate.longitude), place.nameEnglish, place.nameArabic,
                  place.id]).affectedRows
    }

    func countIncidents(onPlaces placeIDs: Set<String>) throws -> Int {
        guard !placeIDs.isEmpty else { return 0 }
        return try connection.execute("SELECT count(*) FROM incidents WHERE place_id = ANY($1)",
                                      [PostgresArray.text(placeIDs.sorted())]).integer(0, 0)
    }

    func recordRefresh(_ record: GazetteerRefreshRecord) throws {
        try connection.execute("""
            INSERT INTO gazetteer_refreshes (refreshed_at, source, places, added, removed, renamed, moved, incidents_updated)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [Timestamp.string(from: record.refreshedAt), record.source, String(record.places), String(record.added),
                  String(record.removed), String(record.renamed), String(record.moved), String(record.incidentsUpdated)])
    }
}
