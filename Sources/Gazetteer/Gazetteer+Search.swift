import Foundation
import IncidentMapCore
import TextMatching

/// A place found by ``Gazetteer/search(_:limit:)``, with the name that matched and a score.
public struct SearchResult: Hashable, Sendable {
    public var place: Place
    /// The place's name that matched the query best.
    public var matchedName: String
    /// From 0 to 1: 1 is the same name once normalised.
    public var score: Double
}

extension Gazetteer {
    /// Places whose names match `query`, best first. The score means what it says:
    /// - 1: the query is one of the place's names, but for case, diacritics and punctuation;
    /// - 0.97: the same once spellings are folded (`Normalizer`: Gasr Ben Gashir, Qasr bin
    ///   Ghashir);
    /// - 0.95: the same once words that only describe (international, الدولي، منطقة، district …)
    ///   are set aside;
    /// - 0.8: the same letters but for vowels (Sebha / Sabha, Tamenhint / Tamanhint);
    /// - 0.75 to 0.7: one or two letters apart, for names long enough that this is a slip;
    /// - 0.65: every word of one is in the other (Benina for "Benina base").
    /// Nothing further off is offered: "not found" is an answer, a far-fetched place is not. A
    /// foreign place is offered only for its own name (1 or 0.95). Ties go to the Libyan and the
    /// larger place.
    public func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        let queryTokens = Tokenizer.tokens(in: query)
        guard !queryTokens.isEmpty else { return [] }
        let probe = SearchKey(tokens: queryTokens)
        var best: [String: (score: Double, name: String)] = [:]
        for entry in searchEntries {
            guard let score = probe.similarity(to: entry.key) else { continue }
            if score < 0.95, places[entry.placeID]?.isLibyan == false { continue }
            if score > best[entry.placeID]?.score ?? 0 { best[entry.placeID] = (score, entry.name) }
        }
        return best.compactMap { id, match in
            places[id].map { SearchResult(place: $0, matchedName: match.name, score: match.score) }
        }
        .sorted {
            ($0.score, $0.place.isLibyan ? 1 : 0, $0.place.kind.specificity == 0 ? 0 : 1, $0.place.population ?? 0, $1.place.id)
                > ($1.score, $1.place.isLibyan ? 1 : 0, $1.place.kind.specificity == 0 ? 0 : 1, $1.place.population ?? 0, $0.place.id)
        }
        .prefix(max(0, limit)).map { $0 }
    }

    /// Levenshtein distance over Unicode scalars, two rows at a time.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a.unicodeScalars), right = Array(b.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}

/// A name as search compares it: its folded words, without the words that only describe, and
/// its letters without vowels.
struct SearchKey: Sendable {
    /// Words that say what a place is, not which: set aside when names are compared.
    static let describingWords: Set<String> = [
        "international", "intl", "city", "town", "village", "district", "area", "region", "the", "of",
        "دولي", "دوليه", "مدينه", "منطقه", "حي", "بلده", "قريه", "شعبيه", "بلديه", "محله",
    ]

    let plain: String
    let whole: String
    let words: [String]
    let core: String
    let consonants: String

    init(tokens: [Token]) {
        let keys = tokens.map(\.key)
        plain = tokens.map(\.foldedText).joined(separator: " ")
        whole = keys.joined(separator: " ")
        words = keys
        let coreWords = keys.filter { !Self.describingWords.contains($0) }
        core = (coreWords.isEmpty ? keys : coreWords).joined(separator: " ")
        consonants = Self.withoutVowels(core)
    }

    /// Latin vowels dropped, and Arabic long vowels (ا و ي) after a word's first letter: the
    /// letters transliterations disagree on.
    static func withoutVowels(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var wordStart = true
        for scalar in text.unicodeScalars {
            if scalar == " " { wordStart = true; result.append(scalar); continue }
            let isVowel = "aeiou".unicodeScalars.contains(scalar)
                || (!wordStart && ["\u{0627}", "\u{0648}", "\u{064A}"].contains(scalar))
            if !isVowel { result.append(scalar) }
            wordStart = false
        }
        return String(result)
    }

    /// How well `other` matches this query, or `nil` when it does not.
    func similarity(to other: SearchKey) -> Double? {
        if plain == other.plain { return 1 }
        if whole == other.whole { return 0.97 }
        if core == other.core { return 0.95 }
        if consonants.count >= 3, consonants == other.consonants { return 0.8 }
        let length = max(core.unicodeScalars.count, other.core.unicodeScalars.count)
        let shorter = min(core.unicodeScalars.count, other.core.unicodeScalars.count)
        if length >= 5, length - shorter <= 2 {
            let distance = Gazetteer.editDistance(core, other.core)
            if distance == 1 { return 0.75 }
            if distance == 2, length >= 9 { return 0.7 }
        }
        let mine = Set(words.filter { !Self.describingWords.contains($0) })
        let theirs = Set(other.words.filter { !Self.describingWords.contains($0) })
        if !mine.isEmpty, !theirs.isEmpty, mine.isSubset(of: theirs) || theirs.isSubset(of: mine),
           mine.union(theirs).contains(where: { $0.unicodeScalars.count >= 4 }),
           mine.intersection(theirs).contains(where: { $0.unicodeScalars.count >= 4 }) {
            return 0.65
        }
        return nil
    }
}

/// A place a user named, found in the gazetteer.
public struct NamedPlace: Sendable {
    public var place: Place
    /// Other places that bear the name as well as it does (the largest is taken).
    public var namesakes: [Place]
}

extension Gazetteer {
    /// The place a user means by `name` (for `near Mitiga`): the best search result when it
    /// matches the whole name. Throws, with the nearest names as suggestions, when none does.
    public func place(named name: String) throws(GazetteerError) -> NamedPlace {
        let results = search(name, limit: 5)
        guard let best = results.first, best.score >= 0.9 else {
            throw .noPlaceNamed(name, suggestions: results.map { "\($0.place.nameEnglish) (\($0.place.id))" })
        }
        let rivals = results.dropFirst().filter { $0.score == best.score && $0.place.isLibyan == best.place.isLibyan }
        return NamedPlace(place: best.place, namesakes: rivals.map(\.place))
    }
}
