import Foundation
import Testing
@testable import Gazetteer

/// Every row of Fixtures/spellings.tsv: a spelling as news writes it (Arabic with and without
/// proclitics, Latin variants, diacritics), the place it names, and what the spelling rules must
/// read in it: the stretch found as the name, once an Arabic proclitic, a Latin article run
/// into the name or a leading ʿ is left out (وبطرابلس is read as طرابلس from its third letter,
/// Al-Aziziyah as Aziziyah, Gasr Ben Gashir whole).
@Suite struct SpellingTests {
    static let gazetteer = try! Gazetteer.bundled()

    struct Row: CustomStringConvertible {
        var line: Int
        var spelling: String
        var placeID: String
        /// The stretch of the spelling found as the name: all of it, or what follows a
        /// proclitic or an article.
        var readAs: String

        var isArabic: Bool { spelling.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } ?? false }

        var description: String { "spellings.tsv:\(line) \(spelling)" }
    }

    static func rows() throws -> [Row] {
        let url = try #require(Bundle.module.url(forResource: "spellings", withExtension: "tsv", subdirectory: "Fixtures"))
        var rows: [Row] = []
        for (index, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 3, "spellings.tsv:\(index + 1): give spelling, place id and read-as, tab-separated")
            let row = Row(line: index + 1, spelling: fields[0], placeID: fields[1], readAs: fields[2])
            try #require(row.spelling.unicodeScalars.reversed().starts(with: row.readAs.unicodeScalars.reversed()),
                         "\(row): its read-as must be the end of the spelling")
            rows.append(row)
        }
        return rows
    }

    @Test func theFixtureCoversEveryKindOfSpelling() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 300)
        // Spellings read whole and spellings read after a proclitic or an article, in both scripts.
        #expect(rows.contains { $0.readAs == $0.spelling && $0.isArabic })
        #expect(rows.contains { $0.readAs != $0.spelling && $0.isArabic })
        #expect(rows.contains { $0.readAs == $0.spelling && !$0.isArabic })
        #expect(rows.contains { $0.readAs != $0.spelling && !$0.isArabic })
        #expect(Set(rows.map(\.placeID)).count >= 40)
    }

    @Test func everySpellingIsReadAsItsPlace() throws {
        var failures: [String] = []
        for row in try Self.rows() {
            #expect(Self.gazetteer.place(id: row.placeID) != nil, "\(row): unknown id \(row.placeID)")
            let mentions = Self.gazetteer.mentions(in: row.spelling)
            guard mentions.count == 1, let mention = mentions.first else {
                failures.append("\(row) → \(mentions.count) mentions: \(mentions.map(\.text))")
                continue
            }
            let length = row.spelling.unicodeScalars.count
            let start = length - row.readAs.unicodeScalars.count
            var wrong: [String] = []
            if mention.text != row.readAs { wrong.append("read as '\(mention.text)', not '\(row.readAs)'") }
            if mention.start != start || mention.end != length { wrong.append("at \(mention.start)..<\(mention.end), not \(start)..<\(length)") }
            // Only Arabic proclitics are detached from their word; a Latin article is a word of its own.
            let detaches = row.isArabic && start > 0
            if mention.detachedClitic != detaches { wrong.append(detaches ? "no proclitic detached" : "a proclitic detached") }
            if !mention.placeIDs.contains(row.placeID) { wrong.append("names \(mention.placeIDs), not \(row.placeID)") }
            if !wrong.isEmpty { failures.append("\(row): " + wrong.joined(separator: ", ")) }
        }
        #expect(failures.isEmpty, "\(failures.count) spellings misread:\n\(failures.joined(separator: "\n"))")
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

    /// An article run into a name is read where the name starts with a sun letter and a
    /// consonant (Asswani is Swani, in spellings.tsv), not where a vowel follows: "Aswad" (black,
    /// a family name) is not the Misrata quarter one source spells Suad.
    @Test func aRunInArticleIsReadOnlyBeforeAConsonantCluster() {
        let ids = Self.gazetteer.mentions(in: "Aswad").flatMap(\.placeIDs)
        #expect(!ids.contains("ly-misrata-sawati"), "\(ids)")
    }
}
