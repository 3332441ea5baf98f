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
        let index = searchEntries
        for candidate in index.candidates(for: probe) {
            let entry = index.entry(candidate)
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
