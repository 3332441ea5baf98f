import Foundation
import Testing
@testable import Gazetteer

/// Every spelling in Fixtures/spellings.tsv (Arabic with and without clitics, Latin variants,
/// diacritics) must be found, whole, as a name of its place.
@Suite struct SpellingTests {
    static let gazetteer = try! Gazetteer.bundled()

    static func spellings() throws -> [(spelling: String, placeID: String)] {
        let url = try #require(Bundle.module.url(forResource: "spellings", withExtension: "tsv", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { line in
                let fields = line.split(separator: "\t")
                return (String(fields[0]), String(fields[1]))
            }
    }

    @Test func thereAreAtLeast300() throws {
        #expect(try Self.spellings().count >= 300)
    }

    @Test func everySpellingIsFoundAsItsPlace() throws {
        var failures: [String] = []
        for (spelling, placeID) in try Self.spellings() {
            #expect(Self.gazetteer.place(id: placeID) != nil, "unknown id \(placeID)")
            let mentions = Self.gazetteer.mentions(in: spelling)
            let whole = mentions.count == 1 && mentions[0].end == spelling.unicodeScalars.count
            if !(whole && mentions[0].placeIDs.contains(placeID)) {
                failures.append("\(spelling) → \(mentions.map { "\($0.text) \($0.placeIDs)" })")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) spellings not found: \(failures.joined(separator: "; "))")
    }

    @Test func searchRanksTheSpellingsPlaceFirst() throws {
        let samples = [("Gasr Ben Gashir", "2213618"), ("قصر بن غشير", "2213618"), ("Mitiga", "ly-mitiga"),
                       ("El Azizia", "2220139"), ("مطار طرابلس الدولي", "ly-tripoli-international-airport"),
                       ("Tarhouna", "2210221"), ("Misrata", "2214846"), ("Ghariyan", "2217362")]
        for (query, placeID) in samples {
            let first = try #require(Self.gazetteer.search(query).first, "\(query)")
            #expect(first.place.id == placeID, "\(query) → \(first.place.id)")
        }
        #expect(Self.gazetteer.search("xyzzy").isEmpty)
    }
}
