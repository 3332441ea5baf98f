import IncidentMapCore
import Testing
@testable import Gazetteer

/// The places and spellings of the bulk sources beyond cities500 and the 2025 OpenStreetMap file
/// (GeoNames via Who's On First, the 2019 OpenStreetMap names, airportsdata's airstrips), as the
/// bundled gazetteer holds them once its layers are joined.
struct PlaceSourcesTests {
    static let gazetteer = try! Gazetteer.bundled()

    func ids(_ text: String) -> [String] {
        Self.gazetteer.resolve(text).resolved.map(\.place.id)
    }

    /// A GeoNames village that cities500 leaves out is a place with its GeoNames id, GeoNames'
    /// point and its Arabic name, joined to the OpenStreetMap village of that name nearby.
    @Test func aGeoNamesVillageFromWhosOnFirstIsAPlaceWithItsIdAndPoint() throws {
        let village = try #require(Self.gazetteer.place(id: "2209869"))
        #expect(village.nameEnglish == "Tuwaysh")
        #expect(village.nameArabic == "تويش")
        #expect(village.kind == .village)
        #expect(village.sourceIDs.contains("GeoNames 2209869"))
        #expect(abs(village.coordinate.latitude - 26.54018) < 1e-6 && abs(village.coordinate.longitude - 13.10019) < 1e-6)
        #expect(village.admin1 == "Wadi al Hayat")
    }

    /// A GeoNames village at the point of an OpenStreetMap village, under another spelling, is a
    /// spelling of the OSM place: one place, which keeps its OSM name and point.
    @Test func aGeoNamesVillageAtAnOpenStreetMapVillagesPointIsOnePlace() throws {
        let place = try #require(Self.gazetteer.place(id: "osm-node-1565510638"))
        #expect(place.nameEnglish == "Bu Mariam")
        #expect(place.names.contains("Bū Maryam") && place.names.contains("بو مريم"))
        #expect(Self.gazetteer.place(id: "87649") == nil, "GeoNames 87649 is held as the OSM place, not beside it")
        #expect(ids("clashes in Bu Maryam on Monday").contains("osm-node-1565510638"))
    }

    /// A name a node carried in 2019 finds its place, which keeps the names it has today (Al
    /// Marj's node is joined to GeoNames' Al Marj, whose id and name it takes).
    @Test func aNameOf2019FindsThePlaceThatKeepsItsNameOfToday() throws {
        let marj = try #require(Self.gazetteer.place(id: "osm-node-1159112554"))
        #expect(marj.nameEnglish == "Al Marj")
        #expect(marj.names.contains("El Merdj") && marj.names.contains("Marj"))
        #expect(ids("Fighting was reported in El Merdj on Monday").contains(marj.id))
    }

    /// A GeoNames place named like a curated place close by is left to the curated row: the
    /// curated id, which stored incidents name, stays the place's.
    @Test func aCuratedPlaceKeepsItsIdBesideGeoNamesNamesakes() {
        #expect(ids("اشتباكات في عين زارة") == ["ly-ain-zara"])
        #expect(ids("قرب باب العزيزية") == ["ly-bab-al-azizia"])
    }

    /// A desert airstrip that only airportsdata lists is an airport with its ICAO entry as source.
    @Test func anAirstripOfAirportsdataIsAnAirport() throws {
        let airstrip = try #require(Self.gazetteer.place(id: "ly-airstrip-hlfl"))
        #expect(airstrip.kind == .airport)
        #expect(airstrip.source.contains("ICAO HLFL"))
        #expect(ids("An air strike hit Bu Attifel Airport").contains("ly-airstrip-hlfl"))
    }

    /// The bulk sources are in: at least the count each file adds, measured when they were added
    /// (1,403 Libyan places and 6,305 spellings before them; 1,452 and 8,144 with them).
    @Test func theBulkSourcesAddPlacesAndSpellings() {
        let libyan = Self.gazetteer.places.values.filter { $0.isLibyan && $0.kind != .country }
        #expect(libyan.count >= 1_450)
        #expect(libyan.reduce(0) { $0 + $1.names.count } >= 8_000)
    }
}
