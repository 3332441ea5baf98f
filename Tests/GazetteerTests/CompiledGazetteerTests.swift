import Foundation
import Testing
@testable import Gazetteer
import GazetteerCore
import IncidentMapCore
import TestSupport
import TextMatching

/// The gazetteer the build joins (`compile-gazetteer`) is the one start-up used to join, and the
/// search index finds every spelling a comparison with each would.
struct CompiledGazetteerTests {
    static let compiled = try! Gazetteer.bundled()
    static let layers = try! Gazetteer.bundledLayers()
    /// The same files joined here, as every command did at start-up before.
    static let joinedAtStartUp = Gazetteer(layers: layers.lowestFirst, rules: layers.rules)

    @Test func theBuildJoinsThePlacesAsStartUpDid() {
        #expect(Self.compiled.places.count == Self.joinedAtStartUp.places.count)
        #expect(Self.compiled.places == Self.joinedAtStartUp.places)
        #expect(Self.compiled.mergedIDs == Self.joinedAtStartUp.mergedIDs)
        #expect(Self.compiled.nameCount == Self.joinedAtStartUp.nameCount)
    }

    /// A store with nothing imported takes the built-in gazetteer as it is.
    @Test func nothingImportedIsTheBuiltInGazetteer() throws {
        let layers = Self.layers
        let withEmptyLayers = Gazetteer(layers: [layers.openStreetMap, [], layers.geoNames, [], layers.curated], rules: layers.rules)
        #expect(try Gazetteer.inForce(imported: []).places == withEmptyLayers.places)
        #expect(try Gazetteer.inForce(imported: []).mergedIDs == withEmptyLayers.mergedIDs)
    }

    /// Names to search: a sample of the gazetteer's own spellings, each also with a letter left
    /// out and two letters swapped, and names it does not hold.
    static let queries: [String] = {
        let names = Self.joinedAtStartUp.places.values.sorted { $0.id < $1.id }.flatMap(\.names)
        var queries = ["Gasr Ben Gashir", "Benina base", "Tripoli International", "مطار معيتيقة", "Qwertyuiop", "Moscow", "وادي", "Wadi"]
        for (number, name) in names.enumerated() where number % 71 == 0 {
            queries.append(name)
            let letters = Array(name)
            if letters.count > 4 {
                let cut = 1 + number % (letters.count - 2)
                queries.append(String(letters[..<cut] + letters[(cut + 1)...]))
                queries.append(String(letters[..<cut] + [letters[cut + 1], letters[cut]] + letters[(cut + 2)...]))
            }
        }
        return queries
    }()

    @Test func searchAnswersAsBeforeTheBuildJoinedThePlaces() {
        for query in Self.queries {
            #expect(Self.compiled.search(query) == Self.joinedAtStartUp.search(query), "\(query)")
        }
    }

    /// The slow reference: every spelling compared with the query, as search did before it had an
    /// index.
    @Test func theIndexOffersEverySpellingThatMatches() {
        let layers = Self.layers
        let entries = SearchEntry.entries(of: Self.compiled.places.values.sorted { $0.id < $1.id }, rules: layers.rules, tokens: TokenCache())
        let index = SearchIndex(encoded: CompiledGazetteer.encode(searchEntries: entries))
        for query in Self.queries.enumerated().filter({ $0.offset % 4 == 0 }).map(\.element) {
            let tokens = Tokenizer.tokens(in: query)
            guard !tokens.isEmpty else { continue }
            let probe = SearchKey(tokens: tokens)
            let matching = entries.indices.filter { probe.similarity(to: entries[$0].key) != nil }
            let candidates = Set(index.candidates(for: probe))
            #expect(matching.allSatisfy(candidates.contains), "\(query): \(matching.filter { !candidates.contains($0) }.map { entries[$0].name })")
        }
    }

    @Test func entriesReadBackWhateverTheirNamesHold() {
        let decomposed = "Zawiya\u{0301}t"  // a combining accent: equal to its composed form as a String, not as bytes
        let names = ["Tab\there", "Line\nbreak", "Bar|pipe", "Hash#tag", "Back\\slash", decomposed, "Plain"]
        let entries = names.map { name in
            SearchEntry(placeID: "id|\(name)", name: name, key: SearchKey(tokens: Tokenizer.tokens(in: name)))
        } + [SearchEntry(placeID: "odd", name: "odd", key: SearchKey(plain: "a\tb", whole: "a b", words: ["a", "b"], core: "a\\b", consonants: "|"))]
        let index = SearchIndex(encoded: CompiledGazetteer.encode(searchEntries: entries))
        #expect(index.count == entries.count)
        for (number, entry) in entries.enumerated() {
            #expect(index.entry(number) == entry)
        }
        // The entry whose keys cannot be found by their bytes is offered to every query.
        #expect(index.candidates(for: SearchKey(tokens: Tokenizer.tokens(in: "Plain"))).contains(entries.count - 1))
    }

    @Test func theBoundedEditDistanceIsLevenshteinsUpToItsLimit() {
        var generator = SeededGenerator(state: 11)
        var rows = BoundedEditDistance()
        let alphabet = Array("abcdeب".unicodeScalars)
        for _ in 0..<2_000 {
            let left = String(String.UnicodeScalarView((0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            let right = String(String.UnicodeScalarView((0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            let exact = SearchKey.editDistance(left, right)
            let bounded = rows.distance(left.unicodeScalars.map(\.value), right.unicodeScalars.map(\.value), limit: 2)
            #expect(bounded == (exact <= 2 ? exact : nil), "\(left) / \(right)")
        }
    }
}
