import Foundation
import Testing
import TestSupport
@testable import Gazetteer

/// A seeded mutation fuzzer over the readers `gazetteer refresh` uses: a GeoNames dump and an
/// Overpass answer (both written for these tests), damaged byte by byte. Each is read or refused
/// with an error naming the file (and, for a dump, a line the file has): never a trap.
@Suite(.timeLimit(.minutes(2))) struct MutatedPlaceFileTests {
    static let dump = [
        "2210247\tTripoli\tTripoli\tTarabulus,Trablous,طرابلس\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t81\tAfrica/Tripoli\t2019-09-05",
        "2210221\tTajura\tTajura\tTajoura,تاجوراء\t32.88167\t13.35056\tP\tPPL\tLY\t\t77\t\t\t\t100000\t\t15\tAfrica/Tripoli\t2019-09-05",
        "2217362\tGharyan\tGharyan\tGhariyan,غريان\t32.17222\t13.02028\tP\tPPLA\tLY\t\t63\t\t\t\t85000\t\t700\tAfrica/Tripoli\t2019-09-05",
        "2219905\tAl Jufrah Airport\tAl Jufrah Airport\tمطار الجفرة\t29.1981\t16.0009\tS\tAIRP\tLY\t\t72\t\t\t\t0\t\t261\tAfrica/Tripoli\t2019-09-05",
    ].joined(separator: "\r\n") + "\r\n"

    static let overpass = """
        {"version": 0.6, "elements": [
          {"type": "node", "id": 101, "lat": 32.8872, "lon": 13.1913, "tags": {"place": "suburb", "name": "حي الأندلس", "name:en": "Hay al-Andalus"}},
          {"type": "way", "id": 202, "center": {"lat": 32.8941, "lon": 13.2761}, "tags": {"aeroway": "aerodrome", "name": "مطار معيتيقة", "name:en": "Mitiga Airport", "alt_name": "Mitiga"}},
          {"type": "node", "id": 303, "lat": 30.75, "lon": 18.3, "tags": {"natural": "valley", "name": "وادي زمزم", "name:fr": "Ouadi Zemzem"}}
        ]}
        """

    /// The dump above ends its lines with CRLF, as a file saved on Windows or served so does.
    @Test func aDumpWithWindowsLineEndsIsRead() throws {
        #expect(try GeoNamesDump.places(fromText: Self.dump, file: "LY.txt", districts: [:]).count == 4)
    }

    @Test func everyMutantOfAGeoNamesDumpIsReadOrRefusedWithItsLine() {
        var mutator = Mutator(seed: 0x6E0_4A3E5)
        var read = 0, refused = 0
        for number in 0..<300 {
            let mutant = mutator.mutate(Array(Self.dump.utf8))
            let text = String(decoding: mutant, as: UTF8.self)
            do {
                _ = try GeoNamesDump.places(fromText: text, file: "LY.txt", districts: [:])
                read += 1
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("LY.txt:"), "mutant \(number): \(error)")
                if case .badLine(_, let line, _) = error {
                    #expect((1...(mutant.count { $0 == 0x0A } + 1)).contains(line), "mutant \(number): \(error)")
                }
            }
        }
        #expect(read >= 10 && refused >= 10, "\(read) read, \(refused) refused")
    }

    @Test func everyMutantOfAnOverpassAnswerIsReadOrRefusedNamingTheFile() {
        var mutator = Mutator(seed: 0x0E5_3A77)
        var read = 0, refused = 0
        for number in 0..<300 {
            let mutant = mutator.mutate(Array(Self.overpass.utf8))
            do {
                _ = try OverpassPlaces.read(Data(mutant), file: "places.json")
                read += 1
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("places.json:"), "mutant \(number): \(error)")
            }
        }
        #expect(read >= 10 && refused >= 10, "\(read) read, \(refused) refused")
    }
}
