import Foundation
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

@Suite struct FilterTests {
    static func filledStore(_ folder: TemporaryFolder) throws -> IncidentStore {
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in
            try batch.add(StoreFixtures.incident("TRIPOLI", 32.88743, 13.18733, date: "2019-04-05"))
            try batch.add(StoreFixtures.incident("MITIGA", 32.8942, 13.2761, date: "2019-04-08", type: .explosionsRemoteViolence))
            try batch.add(StoreFixtures.incident("BENGHAZI", 32.11486, 20.06859, date: "2019-04-12", type: .protests))
            try batch.add(StoreFixtures.incident("FIJI-EAST", -17, 179.5, date: "2019-05-01"))
            try batch.add(StoreFixtures.incident("FIJI-WEST", -17, -179.5, date: "2019-05-02"))
        }
        return store
    }

    func ids(_ store: IncidentStore, _ filter: IncidentFilter) throws -> [String] {
        var ids: [String] = []
        try store.forEachIncident(matching: filter) { ids.append($0.eventID) }
        #expect(try store.count(matching: filter) == ids.count)
        return ids
    }

    @Test func filtersByDateTypeAndBox() throws {
        let folder = try TemporaryFolder()
        let store = try Self.filledStore(folder)
        #expect(try ids(store, IncidentFilter()) == ["TRIPOLI", "MITIGA", "BENGHAZI", "FIJI-EAST", "FIJI-WEST"])
        #expect(try ids(store, IncidentFilter(since: try IncidentDate(parsing: "2019-04-08"),
                                              until: try IncidentDate(parsing: "2019-04-12"))) == ["MITIGA", "BENGHAZI"])
        #expect(try ids(store, IncidentFilter(eventTypes: [.protests, .explosionsRemoteViolence])) == ["MITIGA", "BENGHAZI"])
        #expect(try ids(store, IncidentFilter(boundingBox: try BoundingBox(parsing: "13.2,32.8,13.3,33"))) == ["MITIGA"])
        // The box's edge is inclusive and exact: Tripoli's longitude is the edge itself.
        #expect(try ids(store, IncidentFilter(boundingBox: try BoundingBox(parsing: "13.18733,32,14,33"))) == ["TRIPOLI", "MITIGA"])
        #expect(try ids(store, IncidentFilter(boundingBox: try BoundingBox(parsing: "13.187331,32,14,33"))) == ["MITIGA"])
        // A box across the antimeridian holds both sides of it and nothing between.
        #expect(try ids(store, IncidentFilter(boundingBox: try BoundingBox(parsing: "179,-18,-179,-16"))) == ["FIJI-EAST", "FIJI-WEST"])
    }
}
