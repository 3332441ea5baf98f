import Foundation
import IncidentMapCore
import Testing
@testable import Gazetteer

@Suite struct DataFileTests {
    static let header = PlaceFile.columns.joined(separator: "\t")

    @Test func theBundledGazetteerCoversTheMissionsPlacesAndTheDistricts() throws {
        let gazetteer = try Gazetteer.bundled()
        for id in ["2210247", "2220139", "2213618", "ly-mitiga", "ly-ain-zara", "ly-tripoli-international-airport",
                   "ly-wadi-al-rabi", "ly-al-kayikh", "ly-salah-al-din", "ly-khallat-al-furjan", "ly-abu-salim",
                   "ly-al-hadba", "ly-souq-al-juma", "2210394", "2216349", "2219356", "ly-espiaa", "ly-yarmouk-camp",
                   "2217362", "2210221", "2218970", "2210560", "2212771", "ly-al-watiya", "lb-tripoli",
                   "tn-tunis", "eg-cairo", "ru-moscow", "it-rome", "tr-ankara", "ae-abu-dhabi"] {
            #expect(gazetteer.place(id: id) != nil, "missing \(id)")
        }
        #expect(Gazetteer.districts().count == 22)
        for place in gazetteer.places.values {
            #expect(!place.source.isEmpty, "\(place.id) has no coordinate source")
            if place.isLibyan && place.kind != .country {
                #expect((19.0...34.0).contains(place.coordinate.latitude) && (9.0...26.0).contains(place.coordinate.longitude),
                        "\(place.id) lies outside Libya")
            }
        }
    }

    /// Every place of the GeoNames extract in ../shared is in the bundled gazetteer.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DataFileTests.extract),
                   "../shared/geonames/LY-cities500.txt is absent beside the checkout"))
    func everyPlaceOfTheSharedExtractIsBundled() throws {
        let gazetteer = try Gazetteer.bundled()
        let places = try GeoNamesDump.places(from: Self.extract, districts: Gazetteer.districts())
        #expect(places.count == 119)
        for place in places {
            let bundled = try #require(gazetteer.place(id: place.id), "\(place.id) \(place.nameEnglish)")
            // A place GeoNames holds twice (a town's PPL and PPLA) is one place, at the larger's point.
            let limit = gazetteer.mergedIDs[place.id] == nil ? 1000.0 : 6000.0
            #expect(Geodesic.distance(from: bundled.coordinate, to: place.coordinate) < limit, "\(place.id) \(place.nameEnglish)")
        }
    }

    static let extract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/geonames/LY-cities500.txt").path

    @Test(arguments: [
        ("1\tcity\tA\t\t\t\t\t32\t13\t\tLY\tx\n1\tcity\tB\t\t\t\t\t32\t13\t\tLY\tx", 3, "appears twice"),
        ("1\tmetropolis\tA\t\t\t\t\t32\t13\t\tLY\tx", 2, "kind 'metropolis'"),
        ("1\tcity\tA\t\t\t\t\t95\t13\t\tLY\tx", 2, "latitude 95.0 is outside"),
        ("1\tcity\tA\t\t\t\t\tnorth\t13\t\tLY\tx", 2, "decimal degrees"),
        ("1\tcity\tA\t\t\t\t\t32\t13\t\tLY\t", 2, "missing source"),
        ("1\tcity\tA\t32\t13", 2, "5 columns"),
    ])
    func badPlaceFilesNameTheLine(body: String, line: Int, message: String) {
        do {
            _ = try PlaceFile.places(fromText: Self.header + "\n" + body, file: "places-test.tsv")
            Issue.record("no error for \(body)")
        } catch {
            #expect(error.description.hasPrefix("places-test.tsv:\(line): "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    static let goodDumpLine = "2210247\tTripoli\tTripoli\tTarabulus,طرابلس\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05"

    @Test(arguments: [
        ("2210247\tTripoli\tTripoli", "3 columns where a GeoNames dump has 19"),
        (goodDumpLine.replacingOccurrences(of: "32.88743", with: "132.9"), "latitude 132.9 is outside"),
        (goodDumpLine.replacingOccurrences(of: "13.18733", with: "east"), "must be decimal degrees"),
        (goodDumpLine.replacingOccurrences(of: "2210247\t", with: "x\t"), "geonameid 'x'"),
        (goodDumpLine.replacingOccurrences(of: "1150989", with: "many"), "population 'many'"),
    ])
    func badGeoNamesDumpsNameTheLine(line: String, message: String) {
        do {
            _ = try GeoNamesDump.places(fromText: Self.goodDumpLine + "\n" + line + "\n", file: "LY.txt", districts: [:])
            Issue.record("no error for \(line)")
        } catch {
            #expect(error.description.hasPrefix("LY.txt:2: "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func fullDumpFeatureCodesBecomeKinds() throws {
        let places = try GeoNamesDump.places(fromText: Self.goodDumpLine + "\n"
            + "2210244\tMitiga International Airport\tMitiga International Airport\tMJI,HLLM,مطار معيتيقة\t32.8941\t13.276\tS\tAIRP\tLY\t\t77\t\t\t\t0\t\t11\tAfrica/Tripoli\t2020-01-01\n",
            file: "LY.txt", districts: Gazetteer.districts())
        #expect(places.map(\.kind) == [.city, .airport])
        #expect(places[0].admin1 == "Tripoli")
        #expect(places[1].nameArabic == "مطار معيتيقة")
        #expect(places[0].source == "GeoNames 2210247")
    }
}
