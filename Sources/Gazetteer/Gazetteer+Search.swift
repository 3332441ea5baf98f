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
