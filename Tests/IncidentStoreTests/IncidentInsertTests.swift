import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// The insert statement's own binding (`IncidentInsert`): text bound from a buffer reused row
/// after row, NULLs bound only when a column turns empty, the point blob made without SpatiaLite.
@Suite struct IncidentInsertTests {
    @Test(arguments: [(32.8872, 13.1913), (-33.925, -70.65), (0, 0), (89.999999, 179.999999), (-90, -180), (12.5, -0.000001)])
    func thePointBlobIsMakePointsByteForByte(latitude: Double, longitude: Double) throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        let spatiaLite = try store.readWithSpatiaLite { db in
            try Data.fetchOne(db, sql: "SELECT MakePoint(?, ?, 4326)", arguments: [longitude, latitude])
        }
        var ours: [UInt8] = [0xAA] // the blob is appended after what the buffer holds
        IncidentInsert.appendPoint(longitude: longitude, latitude: latitude, to: &ours)
        #expect(ours.count == 1 + IncidentInsert.pointBlobSize)
        #expect(spatiaLite == Data(ours.dropFirst()))
    }

    /// Rows whose columns go from set to empty and back, of different lengths, so that each row's
    /// text lies elsewhere in the buffer than the last row's: each is stored as it was given.
    static func incidents() -> [Incident] {
        (0..<6).map { number in
            var incident = StoreFixtures.incident("ROW\(number)", 30 + Double(number) / 7, 15 - Double(number) / 3)
            incident.actor2 = number % 2 == 0 ? nil : String(repeating: "Militia \(number) ", count: number)
            incident.notes = number % 3 == 0 ? nil : "note \(number)"
            incident.keptColumns[.country] = number == 4 ? nil : "Libya"
            incident.keptColumns[.tags] = number == 5 ? "crowd size=\(number)" : nil
            incident.fatalities = number
            return incident
        }
    }

    @Test(arguments: [0, 50_000])
    func eachRowIsStoredAsGivenWhateverItsNeighbours(expectedRows: Int) throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        let incidents = Self.incidents()
        let summary = try store.ingest(expectedRows: expectedRows) { batch in
            for incident in incidents + incidents.prefix(2) { try batch.add(incident) }
        }
        #expect(summary.added == incidents.count && summary.alreadyPresent == 2)
        for incident in incidents {
            var stored = try #require(try store.incident(withID: incident.eventID))
            stored.ingestedAt = nil
            #expect(stored == incident)
        }
        // The geometry is a valid point at the row's coordinates, found through the spatial index.
        let points = try store.readWithSpatiaLite { db in
            try Row.fetchAll(db, sql: "SELECT ST_IsValid(geom) AS valid, X(geom) = longitude AND Y(geom) = latitude AS same FROM incidents")
        }
        #expect(points.count == incidents.count && points.allSatisfy { $0["valid"] == 1 && $0["same"] == 1 })
        let near = try store.incidents(near: incidents[3].coordinate, within: Length(metres: 1_000))
        #expect(near.map(\.incident.eventID) == ["ROW3"])
    }
}
