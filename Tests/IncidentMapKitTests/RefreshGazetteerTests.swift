import Foundation
import Gazetteer
import IncidentMapCore
import IncidentStorage
import IncidentStore
import Testing
import TestSupport
@testable import IncidentMapKit

/// `gazetteer refresh` as a use case, on a real SpatiaLite store: the diff, the incidents moved
/// with their places, one transaction.
@Suite struct RefreshGazetteerTests {
    static let tripoliLine = "2210247\tTripoli\tTripoli\tTarabulus,طرابلس\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05"

    static func dump(_ lines: [String]) throws -> [Place] {
        try GeoNamesDump.places(fromText: lines.joined(separator: "\n") + "\n", file: "LY.txt", districts: Gazetteer.districts())
    }

    /// A store with one incident on Tripoli (by its GeoNames id) and one on an unlisted place.
    static func store(_ folder: TemporaryFolder) throws -> IncidentStore {
        let store = try IncidentStore(path: folder.path + "/incidents.sqlite")
        var onTripoli = TestIncidents.incident("ON-TRIPOLI", 32.88743, 13.18733)
        onTripoli.placeID = "2210247"
        var onJadu = TestIncidents.incident("ON-JADU", 31.95506, 12.02901)
        onJadu.placeID = "2216432"
        _ = try store.ingest { batch in
            try batch.add(onTripoli)
            try batch.add(onJadu)
            try batch.add(TestIncidents.incident("NO-PLACE", 30, 15))
        }
        return store
    }

    @Test func aRefreshReportsChangesAndMovesTheIncidentsOfMovedPlaces() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        // Jadu 5 km further south under a new spelling, Gharyan moved too (but curated data,
        // which wins, keeps it where it was), and a place the built-in data lacks.
        let jadu = "2216432\tJadu Town\tJadu Town\tGiado\t31.91006\t12.02901\tP\tPPL\tLY\t\t80\t\t\t\t12507\t\t700\tAfrica/Tripoli\t2021-01-01"
        let gharyan = "2217362\tGharyan\tGharyan\t\t32.0\t13.02028\tP\tPPLA\tLY\t\t80\t\t\t\t36110\t\t700\tAfrica/Tripoli\t2021-01-01"
        let newPlace = "99999991\tBir Test\tBir Test\t\t30.5\t15.5\tH\tWLL\tLY\t\t76\t\t\t\t0\t\t0\tAfrica/Tripoli\t2021-01-01"
        let summary = try RefreshGazetteer.refresh(store, with: try Self.dump([Self.tripoliLine, jadu, gharyan, newPlace]), source: "LY.txt")
        #expect(summary.diff.added.map(\.id) == ["99999991"])
        #expect(summary.diff.removed.isEmpty)
        #expect(summary.diff.moved.map(\.after.id) == ["2216432"])
        #expect(summary.diff.renamed.map(\.after.nameEnglish) == ["Jadu Town"])
        #expect(abs(summary.diff.moved[0].metres - 4990) < 50)
        #expect(summary.incidentsUpdated == 1)
        let moved = try #require(try store.incident(withID: "ON-JADU"))
        #expect(moved.coordinate.latitude == 31.91006)
        #expect(moved.location == "Jadu Town")
        #expect(try store.incident(withID: "ON-TRIPOLI")?.coordinate.latitude == 32.88743)
        // The radius query sees the new position through the spatial index.
        let near = try store.incidents(near: try Coordinate(latitude: 31.91006, longitude: 12.02901), within: Length(metres: 100))
        #expect(near.map(\.incident.eventID) == ["ON-JADU"])
        // The stored places are in force for the store.
        #expect(try GazetteerInForce.load(for: store).place(id: "99999991")?.nameEnglish == "Bir Test")
        #expect(try store.importedPlaces().count == 4)
    }

    @Test func aSecondRefreshIsComparedWithTheFirst() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let newPlace = "99999991\tBir Test\tBir Test\t\t30.5\t15.5\tH\tWLL\tLY\t\t76\t\t\t\t0\t\t0\tAfrica/Tripoli\t2021-01-01"
        _ = try RefreshGazetteer.refresh(store, with: try Self.dump([Self.tripoliLine, newPlace]), source: "first")
        let second = try RefreshGazetteer.refresh(store, with: try Self.dump([Self.tripoliLine]), source: "second")
        #expect(second.diff.removed.map(\.id) == ["99999991"])
        #expect(second.diff.added.isEmpty && second.diff.moved.isEmpty)
    }

    @Test func aFailedRefreshLeavesThePreviousGazetteerAndIncidents() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let first = try Self.dump([Self.tripoliLine])
        _ = try RefreshGazetteer.refresh(store, with: first, source: "first")
        // Two places with one id break the insert half-way through the transaction.
        var moved = first[0]
        moved.coordinate = try Coordinate(latitude: 30, longitude: 15)
        let broken = [moved, moved]
        #expect(throws: (any Error).self) { try RefreshGazetteer.refresh(store, with: broken, source: "broken") }
        #expect(try store.importedPlaces().map(\.coordinate.latitude) == [32.88743])
        #expect(try store.incident(withID: "ON-TRIPOLI")?.coordinate.latitude == 32.88743)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RefreshGazetteerTests.extract),
                   "../shared/geonames/LY-cities500.txt is absent beside the checkout"))
    func refreshingWithTheSharedExtractChangesNothingTheBundleHas() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let places = try GeoNamesDump.places(from: Self.extract, districts: Gazetteer.districts())
        let summary = try RefreshGazetteer.refresh(store, with: places, source: Self.extract)
        #expect(summary.importedPlaces == 119)
        #expect(summary.diff.added.isEmpty && summary.diff.removed.isEmpty && summary.diff.moved.isEmpty)
        #expect(summary.incidentsUpdated == 0)
    }

    static let extract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/geonames/LY-cities500.txt").path
}
