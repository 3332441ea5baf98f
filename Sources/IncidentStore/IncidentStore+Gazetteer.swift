import Foundation
import Gazetteer
import GRDB
import IncidentMapCore

/// What a gazetteer refresh changed.
public struct GazetteerRefreshSummary: Sendable {
    /// Places the refresh stored.
    public var importedPlaces: Int
    public var diff: GazetteerDiff
    /// Incidents whose coordinates or place names were brought up to date.
    public var incidentsUpdated: Int
    /// Incidents that name a place the gazetteer no longer has (left as they were).
    public var incidentsOnRemovedPlaces: Int
}

extension IncidentStore {
    /// The places a GeoNames refresh stored (empty before the first refresh).
    public func importedGazetteerPlaces() throws -> [Place] {
        try pool.read { db in try Self.importedPlaces(db) }
    }

    /// The gazetteer in force for this store: the built-in one with the places a refresh stored.
    public func gazetteer() throws -> Gazetteer {
        try Gazetteer.inForce(imported: try importedGazetteerPlaces())
    }

    /// Replaces the stored places of one source (GeoNames, or OpenStreetMap: ids `osm-…`) with
    /// `imported`, keeps those of the other, and brings the incidents on places that moved or
    /// were renamed up to date, all in one transaction: a failure, or a killed process, leaves the
    /// previous gazetteer and incidents as they were.
    public func refreshGazetteer(imported newPlaces: [Place], source: String) throws -> GazetteerRefreshSummary {
        try write { db in
            let stored = try Self.importedPlaces(db)
            let isOpenStreetMap = { (place: Place) in place.id.hasPrefix("osm-") }
            let replacesOpenStreetMap = newPlaces.contains(where: isOpenStreetMap)
            let imported = stored.filter { isOpenStreetMap($0) != replacesOpenStreetMap } + newPlaces
            let before = try Gazetteer.inForce(imported: stored)
            let after = try Gazetteer.inForce(imported: imported)
            let diff = GazetteerDiff(before: before, after: after)

            try db.execute(sql: "DELETE FROM gazetteer_places")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO gazetteer_places (id, kind, name_en, name_ar, variants, admin1, parent, latitude,
                    longitude, population, country, source, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(SpatialSQL.pointFromParameters))
                """)
            for place in imported {
                try insert.execute(arguments: [
                    place.id, place.kind.rawValue, place.nameEnglish, place.nameArabic,
                    place.variants.joined(separator: "|"), place.admin1, place.parentID,
                    place.coordinate.latitude, place.coordinate.longitude, place.population,
                    place.countryCode, place.source, place.coordinate.longitude, place.coordinate.latitude,
                ])
            }

            var updated = 0
            let update = try db.cachedStatement(sql: """
                UPDATE incidents SET latitude = ?, longitude = ?, geom = \(SpatialSQL.pointFromParameters),
                    location = ?, location_ar = coalesce(?, location_ar)
                WHERE place_id = ?
                """)
            for id in diff.changedPlaceIDs.sorted() {
                guard let place = after.places[id] else { continue }
                try update.execute(arguments: [
                    place.coordinate.latitude, place.coordinate.longitude,
                    place.coordinate.longitude, place.coordinate.latitude,
                    place.nameEnglish, place.nameArabic, id,
                ])
                updated += db.changesCount
            }
            let removedIDs = diff.removed.map(\.id)
            var onRemoved = 0
            if !removedIDs.isEmpty {
                onRemoved = try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents WHERE place_id IN (\(removedIDs.map { _ in "?" }.joined(separator: ",")))",
                                             arguments: StatementArguments(removedIDs)) ?? 0
            }
            try db.execute(sql: """
                INSERT INTO gazetteer_refreshes (refreshed_at, source, places, added, removed, renamed, moved, incidents_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Timestamp.string(from: Date()), source, newPlaces.count,
                                 diff.added.count, diff.removed.count, diff.renamed.count, diff.moved.count, updated])
            return GazetteerRefreshSummary(importedPlaces: newPlaces.count, diff: diff,
                                           incidentsUpdated: updated, incidentsOnRemovedPlaces: onRemoved)
        }
    }

    static func importedPlaces(_ db: Database) throws -> [Place] {
        try Row.fetchAll(db, sql: "SELECT * FROM gazetteer_places ORDER BY id").map { row in
            Place(id: row["id"], kind: PlaceKind(rawValue: row["kind"]) ?? .other,
                  nameEnglish: row["name_en"], nameArabic: row["name_ar"],
                  variants: (row["variants"] as String).split(separator: "|").map(String.init),
                  admin1: row["admin1"], parentID: row["parent"],
                  coordinate: try Coordinate(latitude: row["latitude"], longitude: row["longitude"]),
                  population: row["population"], countryCode: row["country"], source: row["source"],
                  sourceIDs: PlaceFile.sourceIDs(forID: row["id"]))
        }
    }
}
