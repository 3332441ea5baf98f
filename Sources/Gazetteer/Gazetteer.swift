import Foundation
@_exported import GazetteerCore
import Synchronization
import IncidentMapCore
import TextMatching

/// The place names incidentmap knows: Libyan places in Arabic and Latin script with their
/// variants, and foreign places Libyan news names. It finds names in text, chooses among
/// namesakes from context, and searches names for a user.
///
/// ```swift
/// let gazetteer = try Gazetteer.bundled()
/// let places = gazetteer.resolve("غارة جوية تستهدف مطار معيتيقة بطرابلس")
/// places.resolved.map(\.place.id)                          // ["ly-mitiga", "2210247"]
/// gazetteer.search("Gasr Ben Gashir").first?.place.id   // "2213618", GeoNames' id for Qasr bin Ghashir
/// ```
public final class Gazetteer: Sendable {
    /// Every place by id.
    public let places: [String: Place]
    /// Ids of places that were joined into another (the same place from another source) → the
    /// id kept.
    public let mergedIDs: [String: String]
    let rules: ContextRules
    /// What reading text needs (the name index and its companions), built at its first use:
    /// `gazetteer search` never reads text, and building it was a tenth of its start-up.
    private let textIndexes: Lazy<TextIndexes>
    /// What search needs, built at its first use: extraction never searches.
    private let searchIndex: Lazy<SearchIndex>

    /// What reading a text needs. A reader takes it once per text: each read of ``Lazy/value``
    /// takes a lock, and reading it once per mention and place id was an eighth of `resolve`.
    var text: TextIndexes { textIndexes.value }
    var index: PhraseIndex<String> { text.index }
    /// Every (place id, name, normalised name) for search, indexed by key.
    var searchEntries: SearchIndex { searchIndex.value }

    /// The indexes names are found and judged with, made once: a class, so that taking it is
    /// one reference, not a copy of each of its tables.
    final class TextIndexes: Sendable {
        let index: PhraseIndex<String>
        /// Libyan places' Latin names by their consonants, for spellings whose vowels nobody listed
        /// (Teminhint for Tamanhint): matched only in capitalised words, after the exact names.
        let consonantIndex: PhraseIndex<String>
        /// By place id, the one-word Arabic name keys that every spelling of the place writes with
        /// the article (الماية): the same letters without it are another word (مائة).
        let articleOnlyKeys: [String: Set<String>]
        /// Places only OpenStreetMap knows whose name is one Arabic word with the article
        /// (المدينة): as often a common word as a place.
        let bulkArticleWordPlaces: Set<String>
        /// The context rules' name rules by the names' keys, found from a mention's tokens
        /// without joining their keys into a string to hash.
        let nameRules: PhraseIndex<ContextRules.NameRule>

        init(index: PhraseIndex<String>, consonantIndex: PhraseIndex<String>, articleOnlyKeys: [String: Set<String>],
             bulkArticleWordPlaces: Set<String>, rules: ContextRules) {
            self.index = index
            self.consonantIndex = consonantIndex
            self.articleOnlyKeys = articleOnlyKeys
            self.bulkArticleWordPlaces = bulkArticleWordPlaces
            var nameRules = PhraseIndex<ContextRules.NameRule>()
            // Keyed as `ContextRules` keys them (the keys joined with a space; a key has none).
            for (name, rule) in rules.nameRules {
                nameRules.insert(keys: name.split(separator: " ").map(String.init), payload: rule)
            }
            self.nameRules = nameRules
        }
    }

    /// Builds a gazetteer from places and context rules (one source: places are joined by id only).
    public convenience init(places: [Place], rules: ContextRules) {
        self.init(layers: [places], rules: rules)
    }

    /// Builds a gazetteer from the places of several sources, lowest first (OpenStreetMap, then
    /// GeoNames, then the curated files): the same place held by two sources
    /// becomes one place with every name and source id (see `PlaceConflation`).
    public convenience init(layers: [[Place]], rules: ContextRules) {
        let conflation = PlaceConflation(layers: layers)
        let sorted = conflation.places.values.sorted(by: { $0.id < $1.id })
        let tokens = TokenCache(conflation.tokensByName)
        self.init(sortedPlaces: sorted, mergedIDs: conflation.aliases, rules: rules, tokens: tokens) {
            CompiledGazetteer.encode(searchEntries: SearchEntry.entries(of: sorted, rules: rules, tokens: tokens))
        }
    }

    /// The gazetteer the build joined (`CompiledGazetteer`): nothing is joined or folded here.
    convenience init(compiled: CompiledGazetteer, rules: ContextRules) {
        let searchEntries = compiled.searchEntries
        self.init(sortedPlaces: compiled.places, mergedIDs: compiled.aliases, rules: rules, tokens: TokenCache()) { searchEntries }
    }

    /// `sortedPlaces` by id; `encodedSearchEntries` made at the first search.
    private init(sortedPlaces sorted: [Place], mergedIDs: [String: String], rules: ContextRules, tokens: TokenCache,
                 encodedSearchEntries: @escaping @Sendable () -> String) {
        self.places = Dictionary(uniqueKeysWithValues: sorted.map { ($0.id, $0) })
        self.mergedIDs = mergedIDs
        self.rules = rules
        textIndexes = Lazy { Gazetteer.textIndexes(of: sorted, rules: rules, tokens: tokens) }
        searchIndex = Lazy { SearchIndex(encoded: encodedSearchEntries()) }
    }

    private static func textIndexes(of places: [Place], rules: ContextRules, tokens known: TokenCache) -> TextIndexes {
        var indexes = (index: PhraseIndex<String>(), consonantIndex: PhraseIndex<String>(),
                       articleOnlyKeys: [String: Set<String>](), bulkArticleWordPlaces: Set<String>())
        for place in places {
            var withArticle = Set<String>(), withoutArticle = Set<String>()
            for name in place.names where !name.contains(" ") {
                let tokens = known.tokens(of: name)
                guard tokens.count == 1, tokens[0].script == .arabic else { continue }
                // Read on the folded letters: "الْبِيرَة" does not begin with the characters "ال"
                // (its lam carries a sukun), but its letters do.
                if tokens[0].folded.starts(with: ["\u{0627}", "\u{0644}"] as [Unicode.Scalar]) {
                    withArticle.insert(tokens[0].key)
                } else {
                    withoutArticle.insert(tokens[0].key)
                }
            }
            let articleOnly = withArticle.subtracting(withoutArticle)
            if !articleOnly.isEmpty { indexes.articleOnlyKeys[place.id] = articleOnly }
            if !withArticle.isEmpty, place.sourceIDs.allSatisfy({ $0.hasPrefix("OSM ") }) { indexes.bulkArticleWordPlaces.insert(place.id) }
            for name in NameVariants.expanded(place.names) {
                let tokens = known.tokens(of: name)
                let keys = tokens.map(\.key)
                guard !keys.isEmpty, !rules.isIgnored(keys, for: place.id) else { continue }
                indexes.index.insert(keys: keys, payload: place.id)
                // Consonants say enough only for names of some length: four consonants at least.
                if place.isLibyan, tokens.allSatisfy({ $0.script == .latin }) {
                    let consonants = keys.map(Tokenizer.consonants(of:))
                    if consonants.joined().unicodeScalars.count >= 4, consonants.allSatisfy({ !$0.isEmpty }) {
                        indexes.consonantIndex.insert(keys: consonants, payload: place.id)
                    }
                }
            }
        }
        return TextIndexes(index: indexes.index, consonantIndex: indexes.consonantIndex, articleOnlyKeys: indexes.articleOnlyKeys,
                           bulkArticleWordPlaces: indexes.bulkArticleWordPlaces, rules: rules)
    }

    /// The gazetteer built into incidentmap (the files of `Gazetteer/`, joined when incidentmap
    /// was built), read once.
    public static func bundled() throws -> Gazetteer {
        try bundledGazetteer.get()
    }

    private static let bundledGazetteer: Result<Gazetteer, GazetteerError> = {
        do throws(GazetteerError) {
            let compiled = try CompiledGazetteer(places: CompiledGazetteerData.places, aliases: CompiledGazetteerData.aliases,
                                                 searchEntries: CompiledGazetteerData.searchEntries)
            let path = "Gazetteer/" + GazetteerLayers.contextFileName
            let rules = try EmbeddedResources.files.first { $0.name == GazetteerLayers.contextFileName }
                .map { file throws(GazetteerError) in try ContextRules(text: file.text, file: path) } ?? ContextRules()
            return .success(Gazetteer(compiled: compiled, rules: rules))
        } catch {
            return .failure(error)
        }
    }()

    /// The gazetteer in force once a refresh has stored `imported` places (GeoNames or
    /// OpenStreetMap): OpenStreetMap's places, built-in then imported, then GeoNames', built-in
    /// then imported (GeoNames' coordinates and ids win for a place both hold; newer data wins
    /// over a built-in snapshot), then the curated places (curated wins where they disagree;
    /// names are pooled).
    public static func inForce(imported: [Place]) throws -> Gazetteer {
        // Nothing imported: the built-in places, which the build joined already (empty layers
        // join nothing).
        if imported.isEmpty { return try bundled() }
        let layers = try bundledLayers()
        let importedOpenStreetMap = imported.filter { $0.id.hasPrefix("osm-") }
        let importedGeoNames = imported.filter { !$0.id.hasPrefix("osm-") }
        return Gazetteer(layers: [layers.openStreetMap, importedOpenStreetMap, layers.geoNames, importedGeoNames, layers.curated],
                         rules: layers.rules)
    }

    /// The built-in data in layers: places derived from GeoNames and from OpenStreetMap,
    /// curated places, rules.
    public static func bundledLayers() throws -> BundledLayers {
        try bundledResult.get()
    }

    /// The built-in places by source, and the context rules.
    public typealias BundledLayers = GazetteerLayers

    private static let bundledResult: Result<BundledLayers, GazetteerError> = {
        do throws(GazetteerError) {
            return .success(try GazetteerLayers(files: EmbeddedResources.files))
        } catch {
            return .failure(error)
        }
    }()

    /// The Libyan districts (GeoNames admin1 code → English and Arabic names) from
    /// `Gazetteer/districts.tsv`.
    public static func districts() -> [String: (english: String, arabic: String)] {
        guard let file = EmbeddedResources.files.first(where: { $0.name == "districts.tsv" }) else { return [:] }
        var districts: [String: (String, String)] = [:]
        for line in file.text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("code") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.count >= 3 { districts[fields[0]] = (fields[1], fields[2]) }
        }
        return districts
    }

    /// The place of `id`, or of the place it was joined into.
    public func place(id: String) -> Place? { places[id] ?? mergedIDs[id].flatMap { places[$0] } }

    /// The parent of the place of `id` (or of the place it was joined into), read where the place
    /// is held: `place(id:)?.parentID` copies the whole place out first (its every string and
    /// array retained and released), and the extractor walks up each place's parents.
    public func parentID(of id: String) -> String? {
        guard let index = places.index(forKey: id) ?? mergedIDs[id].flatMap({ places.index(forKey: $0) }) else { return nil }
        return places.values[index].parentID
    }

    /// How many distinct names are indexed.
    public var nameCount: Int { index.phraseCount }
}

/// A value made at its first use, once, whichever thread asks first; later reads share it.
final class Lazy<Value>: @unchecked Sendable {
    private let state: Mutex<Value?> = Mutex(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        state.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
