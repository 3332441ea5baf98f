import Foundation
import Testing
@testable import Gazetteer
import IncidentMapCore
import TextMatching

/// Overpass answers read into places, and search that says "not found" rather than guess.
struct OpenStreetMapTests {
    @Test func anOverpassAnswerBecomesPlacesWithEveryArabicAndLatinName() throws {
        let json = """
            {"elements": [
              {"type": "node", "id": 42, "lat": 32.75, "lon": 13.08,
               "tags": {"place": "suburb", "name": "الكريمية", "name:en": "Karimiya", "name:fr": "Kremiya", "name:ru": "Керимия"}},
              {"type": "way", "id": 7, "center": {"lat": 32.1, "lon": 20.27},
               "tags": {"aeroway": "aerodrome", "name": "Test Field Airport مطار الحقل"}},
              {"type": "node", "id": 9, "lat": 30.0, "lon": 15.0, "tags": {"amenity": "cafe", "name": "Cafe"}}
            ]}
            """
        let answer = try OverpassPlaces.read(Data(json.utf8), file: "test.json")
        #expect(answer.places.map(\.id) == ["osm-node-42", "osm-way-7"])
        #expect(answer.otherKinds == 1)
        let suburb = answer.places[0]
        #expect(suburb.kind == .neighbourhood)
        #expect(suburb.nameEnglish == "Karimiya" && suburb.nameArabic == "الكريمية")
        #expect(suburb.variants == ["Kremiya"])
        #expect(suburb.sourceIDs == ["OSM node 42"])
        let airport = answer.places[1]
        #expect(airport.kind == .airport)
        #expect(airport.nameEnglish == "Test Field Airport" && airport.nameArabic == "مطار الحقل")
    }

    @Test func publicBuildingsAreLandmarksOnlyUnderANameThatSaysWhichOne() throws {
        let json = """
            {"elements": [
              {"type": "node", "id": 1, "lat": 32.83, "lon": 13.01, "tags": {"amenity": "hospital", "name": "Qaryat Test Hospital"}},
              {"type": "node", "id": 2, "lat": 32.63, "lon": 12.95, "tags": {"amenity": "police", "name": "مركز شرطة القرية"}},
              {"type": "node", "id": 3, "lat": 32.80, "lon": 13.10, "tags": {"amenity": "police", "name": "Police Station"}},
              {"type": "node", "id": 4, "lat": 32.81, "lon": 13.11, "tags": {"amenity": "hospital", "name": "البساتين"}},
              {"type": "node", "id": 5, "lat": 32.82, "lon": 13.12, "tags": {"amenity": "courthouse", "name": "Court Test", "name:ar": "المحكمة"}}
            ]}
            """
        let answer = try OverpassPlaces.read(Data(json.utf8), file: "test.json")
        #expect(answer.places.map(\.id) == ["osm-node-1", "osm-node-2", "osm-node-5"])
        #expect(answer.places.allSatisfy { $0.kind == .landmark })
        #expect(answer.unnamed == 2)
        // The court keeps the name that says which court, not the bare "the court".
        #expect(answer.places[2].names == ["Court Test"])
    }

    @Test func mosquesChurchesAndEmbassiesAreLandmarksUnderANameThatSaysWhichOne() throws {
        let json = """
            {"elements": [
              {"type": "node", "id": 1, "lat": 32.11, "lon": 20.07, "tags": {"amenity": "place_of_worship", "name": "مسجد البحيرة التجريبي"}},
              {"type": "node", "id": 2, "lat": 32.12, "lon": 20.08, "tags": {"amenity": "place_of_worship", "name": "مسجد"}},
              {"type": "node", "id": 3, "lat": 32.13, "lon": 20.09, "tags": {"amenity": "place_of_worship", "name": "Grand Mosque"}},
              {"type": "node", "id": 4, "lat": 32.89, "lon": 13.19, "tags": {"amenity": "embassy", "name": "Embassy of Testland", "name:ar": "سفارة تستلاند"}},
              {"type": "node", "id": 5, "lat": 32.88, "lon": 13.18, "tags": {"amenity": "embassy", "name": "Consulate Affairs"}},
              {"type": "node", "id": 6, "lat": 32.87, "lon": 13.17, "tags": {"amenity": "place_of_worship", "name": "زاوية سيدي التجربة"}}
            ]}
            """
        let answer = try OverpassPlaces.read(Data(json.utf8), file: "test.json")
        // A bare "mosque", "the Grand Mosque" of every town and "consular affairs" name no one
        // building; a Sufi lodge is known by its quarter's name, which the gazetteer holds.
        #expect(answer.places.map(\.id) == ["osm-node-1", "osm-node-4"])
        #expect(answer.places.allSatisfy { $0.kind == .landmark })
        #expect(answer.places[1].names == ["Embassy of Testland", "سفارة تستلاند"])
        #expect(answer.unnamed == 4)
    }

    @Test(arguments: [
        ("{\"elements\": [", "not valid JSON"),
        ("{\"version\": 1}", "elements"),
        ("{\"elements\": [{\"type\": \"node\", \"id\": 5, \"tags\": {\"place\": \"town\", \"name\": \"X\"}}]}", "element 0 (node 5): no lat/lon"),
    ])
    func aBrokenAnswerNamesWhatIsWrong(json: String, message: String) {
        #expect {
            try OverpassPlaces.read(Data(json.utf8), file: "broken.json")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".hasPrefix("broken.json")
        }
    }

    @Test func searchFindsRealSpellingsAndDoesNotGuess() throws {
        let gazetteer = try Gazetteer.bundled()
        // A Tripoli district, not Benghazi; an airport, not the town beside it.
        #expect(gazetteer.search("Ben Ashour").first?.place.kind == .neighbourhood)
        #expect(gazetteer.search("Ben Ashour").first?.place.admin1 == "Tripoli")
        #expect(gazetteer.search("Benina International Airport").first?.place.kind == .airport)
        // A Libyan-looking name never comes back as a foreign place.
        #expect(!gazetteer.search("Kremiya").contains { !$0.place.isLibyan })
        // Nothing like it: no answer rather than a far-fetched one.
        #expect(gazetteer.search("Zzyzx Qwerty").isEmpty)
        // 0.9 and above only for one of the place's own names.
        for result in gazetteer.search("Ghout Shaal") where result.score >= 0.9 {
            let key = Normalizer.keys(of: "Ghout Shaal")
            #expect(result.place.names.contains { Normalizer.keys(of: $0) == key })
        }
    }

    @Test func theSamePlaceFromTwoSourcesIsOnePlaceWithBothIds() throws {
        let geoNames = Place(id: "1001", kind: .town, nameEnglish: "Testville", nameArabic: "تستفيل",
                             coordinate: try Coordinate(latitude: 30, longitude: 15), source: "GeoNames 1001",
                             sourceIDs: ["GeoNames 1001"])
        let openStreetMap = Place(id: "osm-node-5", kind: .village, nameEnglish: "Testvil", variants: ["Testville"],
                                  coordinate: try Coordinate(latitude: 30.01, longitude: 15.01), source: "OSM node 5",
                                  sourceIDs: ["OSM node 5"])
        let farAway = Place(id: "osm-node-6", kind: .village, nameEnglish: "Testville",
                            coordinate: try Coordinate(latitude: 28, longitude: 15), source: "OSM node 6",
                            sourceIDs: ["OSM node 6"])
        let gazetteer = Gazetteer(layers: [[openStreetMap, farAway], [geoNames]], rules: ContextRules())
        #expect(gazetteer.places.count == 2)
        let joined = try #require(gazetteer.place(id: "1001"))
        #expect(Set(joined.sourceIDs) == ["GeoNames 1001", "OSM node 5"])
        #expect(joined.names.contains("Testvil"))
        #expect(gazetteer.place(id: "osm-node-5")?.id == "1001")
        #expect(gazetteer.place(id: "osm-node-6")?.coordinate.latitude == 28)
    }
}

/// The bundled gazetteer after joining its sources.
struct JoinedGazetteerTests {
    static let gazetteer = try! Gazetteer.bundled()

    /// Two places of one kind family with a shared name within 2 km are one place held twice,
    /// unless a curator wrote a row for each.
    @Test func noTwoPlacesWithinTwoKilometresShareANameAndAKind() throws {
        let curated = Set(try Gazetteer.bundledLayers().curated.map(\.id))
        var byName: [String: [Place]] = [:]
        for place in Self.gazetteer.places.values where place.isLibyan {
            for name in Set(place.names.map { Normalizer.keys(of: $0).joined(separator: " ") }) where !name.isEmpty {
                byName[name, default: []].append(place)
            }
        }
        var pairs: [String] = []
        for (name, places) in byName where places.count > 1 {
            for (index, one) in places.enumerated() {
                for other in places[(index + 1)...]
                where PlaceConflation.joiningDistance(one.kind, other.kind) != nil
                    && !(curated.contains(one.id) && curated.contains(other.id))
                    && Geodesic.distance(from: one.coordinate, to: other.coordinate) < 2_000 {
                    pairs.append("\(name): \(one.id) and \(other.id)")
                }
            }
        }
        #expect(pairs.isEmpty, "\(pairs.sorted().joined(separator: "; "))")
    }

    /// A Latin spelling that differs only in its vowels from a listed one is found, but not a
    /// person's name that shares a place's consonants.
    @Test func spellingsThatDifferInVowelsAreFoundButNotPersonsNames() {
        func ids(_ text: String) -> [String] { Self.gazetteer.resolve(text).resolved.map(\.place.id) }
        #expect(ids("Clashes broke out in Ganfeda yesterday").contains { Self.gazetteer.place(id: $0)?.nameArabic == "قنفودة" })
        #expect(ids("Forces loyal to Khalifa Haftar advanced").isEmpty)
    }

    /// A place of every kind the gazetteer holds is found by its own name in a sentence.
    @Test func everyKindResolves() throws {
        let examples: [(String, PlaceKind)] = [
            ("اشتباكات في مدينة بنغازي", .city), ("اشتباكات في غريان", .town), ("clashes in Ain Zara", .neighbourhood),
            ("قصف مطار معيتيقة", .airport), ("هجوم على قاعدة تمنهنت الجوية", .airBase), ("قصف ميناء طرابلس", .port),
            ("هجوم على ميناء السدرة النفطي", .oilFacility), ("اشتباكات قرب معسكر اليرموك", .militaryBase),
            ("اشتباكات في وادي زمزم", .wadi), ("إغلاق منفذ رأس اجدير", .crossing),
            ("مظاهرة في ميدان الشهداء", .landmark), ("clashes on the Airport Road", .road),
            ("اشتباكات في شعبية مصراتة", .district),
        ]
        for (text, kind) in examples {
            let kinds = Self.gazetteer.resolve(text).resolved.map(\.place.kind)
            #expect(kinds.contains(kind), "\(text): \(kinds)")
        }
    }
}
