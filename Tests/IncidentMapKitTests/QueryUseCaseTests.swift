import Foundation
import Gazetteer
import GeoJSON
import IncidentMapCore
import IncidentStorage
import MapPage
import Testing
import TestSupport
@testable import IncidentMapKit

/// The read side as use cases, on the sample incidents in a real SpatiaLite file: export and
/// its pages, the map, near by point and by name, stats, and gazetteer search.
@Suite struct QueryUseCaseTests {
    let folder: TemporaryFolder
    let store: any StoreBackend

    init() throws {
        folder = try TemporaryFolder()
        let location = StoreLocation(folder.path + "/sample.sqlite")
        _ = try IngestFiles(location: location).run(IngestFiles.Request(files: [KitFixtures.sampleIncidents]))
        store = try location.open(.mustExist)
    }

    static let battles = IncidentFilter(eventTypes: [.battles])

    @Test func exportWritesTheMatchingIncidentsAndPagesGiveTheSameBytes() throws {
        let out = folder.path + "/battles.geojson"
        let count = try ExportIncidents(store: store).run(Self.battles, format: .geojson, to: .file(out))
        #expect(count == 4)
        let exported = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(try JSONDecoder().decode(FeatureCollection.self, from: exported).features.count == 4)

        for pageSize in [1, 3, 100] {
            let pages = IncidentPages(store: store, filter: Self.battles, pageSize: pageSize) { GeoJSONWriter(sink: $0) }
            try pages.begin()
            var bytes: [UInt8] = []
            while let page = try pages.next() { bytes += page }
            #expect(Data(bytes) == exported, "page size \(pageSize)")
            #expect(try pages.next() == nil)
        }
    }

    @Test(.enabled(if: (try? MapAssets.load()) != nil, "Debian's libjs-leaflet and libjs-leaflet.markercluster are not installed (Scripts/setup installs them)"))
    func theMapShowsTheMatchingIncidents() throws {
        let out = folder.path + "/map.html"
        #expect(try WriteMap(store: store).run(Self.battles, title: "Battles", to: out) == 4)
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.contains("<title>Battles</title>") && page.contains("\"event_id_cnty\""))
    }

    @Test func nearFindsByPointAndByNameNearestFirst() throws {
        let nearby = FindNearby(store: store)
        let mitiga = try nearby.resolve(try FindNearby.Centre(parsing: "Mitiga"))
        #expect(mitiga.place?.id == "ly-mitiga")
        #expect(mitiga.notes.last?.hasPrefix("centre: Mitiga") == true)
        let point = try nearby.resolve(try FindNearby.Centre(parsing: "32.8942, 13.2761"))
        #expect(point.place == nil && point.notes.isEmpty)
        let hits = try nearby.incidents(near: point.coordinate, within: try Length(parsing: "10km"))
        #expect(hits.count == 5)
        #expect(hits.map(\.distanceMetres) == hits.map(\.distanceMetres).sorted())
        #expect(try nearby.resolve(.place("قصر بن غشير")).place?.id == "2213618")
        #expect(throws: GazetteerError.self) { try nearby.resolve(.place("Atlantis")) }

        let sink = ByteSink.inMemory()
        #expect(try nearby.write(near: point.coordinate, within: try Length(parsing: "10km"), limit: 2, format: .json, to: sink) == 2)
        let rows = try JSONDecoder().decode([IncidentProperties].self, from: Data(sink.drain()))
        #expect(rows.map { $0.text(.eventID) } == hits.prefix(2).map(\.incident.eventID))
        #expect(rows.map(\.distanceMetres) == hits.prefix(2).map(\.distanceMetres))
    }

    @Test(arguments: ["95,13.2", "32.9,", "1,2,3"])
    func aCentreThatLooksLikeNumbersMustBeACoordinate(text: String) {
        #expect(throws: CoordinateError.self) { try FindNearby.Centre(parsing: text) }
    }

    @Test func statsAndSearch() throws {
        let statistics = try StoreSummary(store: store).run()
        #expect(statistics.count == 14)
        #expect(statistics.firstDate?.description == "2019-04-04" && statistics.lastDate?.description == "2019-04-18")
        let matches = try SearchGazetteer.inForce(at: StoreLocation(store.location)).run("Gasr Ben Gashir", limit: 3)
        #expect(matches.first?.id == "2213618")
        #expect(matches.count <= 3)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONOutput.data(matches)) as? [[String: Any]]).first
        let keys = Set(object?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["id", "name_en", "names", "kind", "latitude", "longitude", "country", "score", "matched_name",
                                     "source_ids", "source"]))
        #expect(keys.isSubset(of: ["id", "name_en", "name_ar", "names", "kind", "admin1", "latitude", "longitude", "country",
                                   "population", "score", "matched_name", "source_ids", "source"]))
        #expect(object?["name_ar"] as? String == "قصر بن غشير")
    }
}
