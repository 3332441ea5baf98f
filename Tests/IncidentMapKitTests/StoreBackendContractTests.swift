import Foundation
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentMapKit

/// What every ``StoreBackend`` must do, asked of each backend through the protocol alone: the
/// suite a PostGIS store joins by adding a case to ``Backend``.
@Suite struct StoreBackendContractTests {
    /// A backend, and how to make an empty store of it in a test's folder.
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case spatiaLite
        /// An empty database of the test run's throwaway PostgreSQL cluster.
        case postGIS

        func emptyStore(in folder: TemporaryFolder) throws -> any StoreBackend {
            switch self {
            case .spatiaLite: return try StoreLocation(folder.path + "/contract.sqlite").open(.createIfMissing)
            case .postGIS: return try StoreLocation(try ThrowawayPostgres.shared().makeDatabase()).open(.createIfMissing)
            }
        }

        var testDescription: String { rawValue }
    }

    /// Points around Tripoli and one across the antimeridian, dates over a fortnight, two types.
    static func incidents() -> [Incident] {
        let points: [(Double, Double)] = [(32.8942, 13.2761), (32.69, 13.16), (32.68, 13.18), (32.87, 13.19),
                                          (32.11, 20.07), (-17, 179.9), (-17, -179.9)]
        return points.enumerated().map { index, point in
            TestIncidents.incident("C\(index)", point.0, point.1, date: "2019-04-\(10 + index)",
                                 type: index.isMultiple(of: 2) ? .battles : .explosionsRemoteViolence)
        }
    }

    static func filled(_ backend: Backend, in folder: TemporaryFolder) throws -> any StoreBackend {
        let store = try backend.emptyStore(in: folder)
        let incidents = Self.incidents()
        let summary = try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
        #expect(summary == IngestSummary(added: incidents.count))
        return store
    }

    static func ids(_ store: any StoreBackend, _ filter: IncidentFilter = IncidentFilter()) throws -> [String] {
        var ids: [String] = []
        try store.forEachIncident(matching: filter) { ids.append($0.eventID) }
        return ids
    }

    @Test(arguments: Backend.allCases)
    func anIngestThatThrowsStoresNothingOfItself(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.filled(backend, in: folder)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try store.ingest { batch in
                try batch.add(TestIncidents.incident("LOST", 30, 15))
                throw Stop()
            }
        }
        #expect(try store.incident(withID: "LOST") == nil)
        #expect(try store.count(matching: IncidentFilter()) == 7)
        // The same ids again add nothing; the same event from another source merges.
        var again = Self.incidents()[0]
        again.source = "Other Wire"
        let summary = try store.ingest { batch in
            try batch.add(Self.incidents()[1])
            #expect(try batch.addOrMerge(again) == .merged)
        }
        #expect(summary == IngestSummary(added: 0, alreadyPresent: 1, merged: 1))
        #expect(try store.incident(withID: "C0")?.source == "Other Wire")
    }

    @Test(arguments: Backend.allCases)
    func filtersStreamsAndPagesAgree(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.filled(backend, in: folder)
        let filter = IncidentFilter(since: try IncidentDate(parsing: "2019-04-11"), eventTypes: [.battles])
        #expect(try Self.ids(store, filter) == ["C2", "C4", "C6"])
        #expect(try Self.ids(store, IncidentFilter(boundingBox: try BoundingBox(parsing: "179,-18,-179,-16"))) == ["C5", "C6"])
        #expect(try store.count(matching: filter) == 3)
        var streamed: [String] = []
        try store.forEachRow(matching: IncidentFilter()) { row in
            streamed.append(String(decoding: row.text(Incident.Column.eventID.index)!, as: UTF8.self))
        }
        #expect(streamed == (0..<7).map { "C\($0)" })
        var paged: [String] = []
        var cursor: Int64? = 0
        var pages = 0
        while let from = cursor {
            cursor = try store.forEachRow(matching: IncidentFilter(), after: from, limit: 3) { row in
                paged.append(String(decoding: row.text(Incident.Column.eventID.index)!, as: UTF8.self))
            }
            pages += 1
        }
        #expect(paged == streamed)
        #expect(pages == 3)
    }

    /// The PostGIS store writes a file's rows to its pages in space order (so that a radius's
    /// hits share pages): the order of the file must still be the order of an export and of
    /// the near query's ties, and the first row of an id in a file must still win.
    @Test(arguments: Backend.allCases)
    func rowsKeepTheFilesOrderAndItsFirstRowOfAnId(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        // From north-east to south-west and back, so that no space order is the file's.
        let points: [(Double, Double)] = [(33.0, 25.0), (24.0, 10.0), (32.0, 12.0), (26.0, 24.0), (30.0, 17.0), (32.9, 13.1)]
        var file = points.enumerated().map { TestIncidents.incident("F\($0)", $1.0, $1.1) }
        var repeated = TestIncidents.incident("F1", 33.5, 11.5)
        repeated.source = "a later row of F1"
        file.insert(repeated, at: 3)
        // Two points at one place: the near query's tie goes to the earlier row in the file.
        file.append(TestIncidents.incident("F6", 32.0, 12.0))
        let summary = try store.ingest { batch in for incident in file { try batch.add(incident) } }
        #expect(summary == IngestSummary(added: 7, alreadyPresent: 1))
        #expect(try Self.ids(store) == ["F0", "F1", "F2", "F3", "F4", "F5", "F6"])
        let kept = try #require(try store.incident(withID: "F1"))
        #expect(kept.coordinate.latitude == 24.0 && kept.source == nil)
        let tied = try store.incidents(near: try Coordinate(latitude: 32.0, longitude: 12.0), within: Length(metres: 1), limit: nil)
        #expect(tied.map(\.incident.eventID) == ["F2", "F6"])
    }

    @Test(arguments: Backend.allCases)
    func radiusQueriesEqualMeasuringEveryIncident(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.filled(backend, in: folder)
        let centre = try Coordinate(latitude: 32.8, longitude: 13.2)
        let radius = Length(metres: 25_000)
        var expected: [(String, Double)] = []
        try store.forEachIncident(matching: IncidentFilter()) { incident in
            let distance = Geodesic.distance(from: centre, to: incident.coordinate)
            if distance <= radius.metres { expected.append((incident.eventID, distance)) }
        }
        expected.sort { $0.1 < $1.1 }
        let hits = try store.incidents(near: centre, within: radius, limit: nil)
        #expect(hits.map(\.incident.eventID) == expected.map(\.0))
        #expect(hits.map(\.distanceMetres) == expected.map(\.1))
        var rows: [(String, Double)] = []
        let count = try store.forEachRow(near: centre, within: radius, limit: 2) { row, distance in
            rows.append((String(decoding: row.text(Incident.Column.eventID.index)!, as: UTF8.self), distance))
        }
        #expect(count == 2)
        #expect(rows.map(\.0) == Array(expected.prefix(2).map(\.0)))
    }

    /// A store may leave out a box's corners before it measures (the PostGIS store does, on
    /// the server, with a planar lower bound of the distance): every point half a metre inside
    /// the radius, in every direction and at the equator, mid and high latitudes, comes back,
    /// and none half a metre outside.
    @Test(arguments: Backend.allCases)
    func theCircleKeepsItsEdgeInEveryDirection(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        let centres = [try Coordinate(latitude: 0.2, longitude: 12), try Coordinate(latitude: 32.8, longitude: 13.2),
                       try Coordinate(latitude: -61, longitude: -70), try Coordinate(latitude: 78.5, longitude: 15.6)]
        let radii = [Length(metres: 10_000), Length(metres: 50_000)]
        var inside: [Set<String>] = []
        var incidents: [Incident] = []
        for (index, centre) in centres.enumerated() {
            let radius = radii[index % radii.count]
            var ids: Set<String> = []
            for azimuth in stride(from: 0.0, to: 360, by: 7.5) {
                for (side, metres) in [("in", radius.metres - 0.5), ("out", radius.metres + 0.5)] {
                    let point = Geodesic.destination(from: centre, azimuth: azimuth, metres: metres)
                    let id = "E\(index)-\(side)-\(azimuth)"
                    incidents.append(TestIncidents.incident(id, point.latitude, point.longitude))
                    if side == "in" { ids.insert(id) }
                }
            }
            inside.append(ids)
        }
        _ = try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
        for (index, centre) in centres.enumerated() {
            let hits = try store.incidents(near: centre, within: radii[index % radii.count], limit: nil)
            #expect(Set(hits.map(\.incident.eventID)) == inside[index], "around \(centre)")
        }
    }

    /// A store may cut a radius's boxes into latitude strips searched at once (the SpatiaLite
    /// store does; branch issue-15-radius-lanes tried it on PostGIS): a point on a cut lies in
    /// two strips and must come back once.
    @Test(arguments: Backend.allCases)
    func aPointOnTheCutBetweenStripsComesBackOnce(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        let centre = try Coordinate(latitude: 32.8, longitude: 13.2)
        let radius = Length(metres: 5_000)
        let cuts = SearchArea.strips(around: centre, radiusMetres: radius.metres, count: 4).dropFirst().map(\.minLatitude)
        let onCuts = cuts.enumerated().map { TestIncidents.incident("CUT\($0)", $1, centre.longitude) }
        _ = try store.ingest { batch in for incident in onCuts { try batch.add(incident) } }
        let hits = try store.incidents(near: centre, within: radius, limit: nil)
        #expect(hits.map(\.incident.eventID).sorted() == ["CUT0", "CUT1", "CUT2"])
        #expect(try store.forEachRow(near: centre, within: radius, limit: 2) { _, _ in } == 2)
    }

    @Test(arguments: Backend.allCases)
    func statisticsSummariseTheStore(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let empty = try backend.emptyStore(in: folder)
        #expect(try empty.statistics().count == 0)
        try empty.close()
        // The folder is kept for the test's length: a temporary one would be removed, store and
        // all, as soon as the call that made it returned.
        let filledFolder = try TemporaryFolder()
        let store = try Self.filled(backend, in: filledFolder)
        let statistics = try store.statistics()
        #expect(statistics.count == 7)
        #expect(statistics.firstDate?.description == "2019-04-10" && statistics.lastDate?.description == "2019-04-16")
        #expect(statistics.countsByEventType.map(\.count) == [4, 3])
    }

    @Test(arguments: Backend.allCases)
    func aGazetteerTransactionThatThrowsChangesNothing(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try Self.filled(backend, in: folder)
        let place = Place(id: "C0-PLACE", kind: .airport, nameEnglish: "Moved", coordinate: try Coordinate(latitude: 30, longitude: 15),
                          source: "test")
        var onPlace = TestIncidents.incident("ON-PLACE", 32.8942, 13.2761)
        onPlace.placeID = place.id
        _ = try store.ingest { batch in try batch.add(onPlace) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.updateGazetteer { transaction in
                try transaction.replaceImportedPlaces(with: [place])
                #expect(try transaction.updateIncidents(onPlace: place) == 1)
                #expect(try transaction.countIncidents(onPlaces: [place.id, "NONE"]) == 1)
                throw Stop()
            }
        }
        #expect(try store.importedPlaces().isEmpty)
        #expect(try store.incident(withID: "ON-PLACE")?.coordinate.latitude == 32.8942)
        let moved = try store.updateGazetteer { transaction in
            try transaction.replaceImportedPlaces(with: [place])
            return try transaction.updateIncidents(onPlace: place)
        }
        #expect(moved == 1)
        #expect(try store.importedPlaces().map(\.id) == ["C0-PLACE"])
        let stored = try #require(try store.incident(withID: "ON-PLACE"))
        #expect(stored.coordinate.latitude == 30 && stored.location == "Moved")
        #expect(try store.incidents(near: try Coordinate(latitude: 30, longitude: 15), within: Length(metres: 10), limit: nil)
            .map(\.incident.eventID) == ["ON-PLACE"])
    }

    @Test(arguments: Backend.allCases)
    func aStoreClosedAndDeletedIsGone(backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.emptyStore(in: folder)
        #expect(StoreLocation(store.location).exists)
        try store.closeAndDelete()
        #expect(!StoreLocation(store.location).exists)
        #expect(throws: (any Error).self) { try StoreLocation(store.location).open(.mustExist) }
    }
}

extension StoreBackendContractTests {
    /// `mergeIncidents` (what `copy --merge` writes with; in bulk on PostGIS) stores what
    /// ingest's `addOrMerge` stores one incident at a time, and counts alike: a new id added, a
    /// stored one told again by another source merged, the same report again already there, and
    /// an id told twice in one load merged into what its first report made.
    @Test(arguments: Backend.allCases)
    func aBulkMergeStoresWhatAddOrMergeStores(backend: Backend) throws {
        var load: [Incident] = []
        var otherSource = Self.incidents()[0]
        otherSource.source = "Other Wire"
        otherSource.evidence = [EvidenceSpan(text: "clashes at the airport", start: 0, end: 22, source: "Other Wire")]
        otherSource.keptColumns[.country] = "Libya"
        load.append(otherSource)
        load.append(Self.incidents()[1])
        var new = TestIncidents.incident("NEW", 32.5, 13.5)
        new.actor1 = "Tab\tand \\ backslash"
        load.append(new)
        new.source = "Third Wire"
        new.fatalities = 4
        load.append(new)
        otherSource.source = "Third Wire"
        load.append(otherSource)

        let folder = try TemporaryFolder()
        let bulk = try Self.filled(backend, in: folder)
        let bulkSummary = try bulk.mergeIncidents(expectedRows: load.count) { merge in
            for incident in load { try merge(incident) }
        }
        let oneByOne = try StoreLocation(folder.path + "/one-by-one.sqlite").open(.createIfMissing)
        _ = try oneByOne.ingest { batch in for incident in Self.incidents() { try batch.add(incident) } }
        let oneByOneSummary = try oneByOne.ingest { batch in
            for incident in load { _ = try batch.addOrMerge(incident) }
        }
        #expect(bulkSummary == IngestSummary(added: 1, alreadyPresent: 1, merged: 3))
        #expect(bulkSummary == oneByOneSummary)
        func stored(_ store: any StoreBackend) throws -> [Incident] {
            var incidents: [Incident] = []
            try store.forEachIncident(matching: IncidentFilter()) { incident in
                var unstamped = incident
                unstamped.ingestedAt = nil
                incidents.append(unstamped)
            }
            return incidents
        }
        #expect(try stored(bulk) == stored(oneByOne))
        let merged = try #require(try bulk.incident(withID: "C0"))
        #expect(merged.source == "Other Wire; Third Wire" && merged.evidence.count == 2 && merged.keptColumns[.country] == "Libya")
        #expect(try bulk.incident(withID: "NEW")?.fatalities == 4)
        #expect(try bulk.incident(withID: "NEW")?.actor1 == "Tab\tand \\ backslash")
        try bulk.close()
        try oneByOne.close()
    }
}
