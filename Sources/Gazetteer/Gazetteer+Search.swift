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
    /// Places whose names match `query`, best first: the same name once spellings are folded
    /// scores 1, a name that starts with the query or shares its words less, a near spelling
    /// (edit distance) less again. Ties go to the larger place.
    public func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        let queryKey = Normalizer.keys(of: query).joined(separator: " ")
        guard !queryKey.isEmpty else { return [] }
        let queryWords = Set(queryKey.split(separator: " "))
        var best: [String: (score: Double, name: String)] = [:]
        for entry in searchEntries {
            let score = Self.similarity(queryKey, queryWords, entry.key)
            guard score >= 0.6 else { continue }
            if score > best[entry.placeID]?.score ?? 0 { best[entry.placeID] = (score, entry.name) }
        }
        return best.compactMap { id, match in
            places[id].map { SearchResult(place: $0, matchedName: match.name, score: (match.score * 1000).rounded() / 1000) }
        }
        .sorted {
            ($0.score, $0.place.isLibyan ? 1 : 0, $0.place.population ?? 0, $1.place.id)
                > ($1.score, $1.place.isLibyan ? 1 : 0, $1.place.population ?? 0, $0.place.id)
        }
        .prefix(max(0, limit)).map { $0 }
    }

    static func similarity(_ query: String, _ queryWords: Set<Substring>, _ name: String) -> Double {
        if query == name { return 1 }
        if name.hasPrefix(query + " ") || query.hasPrefix(name + " ") { return 0.9 }
        let nameWords = Set(name.split(separator: " "))
        let shared = Double(queryWords.intersection(nameWords).count)
        let overlap = shared / Double(queryWords.union(nameWords).count)
        let spelling = 1 - Double(editDistance(query, name)) / Double(max(query.count, name.count))
        return max(overlap * 0.85, spelling * 0.85)
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

extension SearchResult {
    /// The JSON `gazetteer search --format json` and the HTTP API answer with, for a list of results.
    public static func json(_ results: [SearchResult], pretty: Bool = true) throws -> String {
        let objects: [[String: Any]] = results.map { result in
            let place = result.place
            var object: [String: Any] = [
                "id": place.id, "name_en": place.nameEnglish, "names": place.names, "kind": place.kind.rawValue,
                "latitude": place.coordinate.latitude, "longitude": place.coordinate.longitude,
                "country": place.countryCode, "score": result.score, "matched_name": result.matchedName,
                "source": place.source,
            ]
            object["name_ar"] = place.nameArabic
            object["admin1"] = place.admin1
            object["population"] = place.population
            return object
        }
        let options: JSONSerialization.WritingOptions = pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        let data = try JSONSerialization.data(withJSONObject: objects, options: options)
        return String(decoding: data, as: UTF8.self)
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
