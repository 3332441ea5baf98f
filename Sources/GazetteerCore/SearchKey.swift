import TextMatching

/// A name as search compares it: its folded words, without the words that only describe, and
/// its letters without vowels.
package struct SearchKey: Hashable, Sendable {
    /// Words that say what a place is, not which: set aside when names are compared.
    package static let describingWords: Set<String> = [
        "international", "intl", "city", "town", "village", "district", "area", "region", "the", "of",
        "دولي", "دوليه", "مدينه", "منطقه", "حي", "بلده", "قريه", "شعبيه", "بلديه", "محله",
    ]

    package let plain: String
    package let whole: String
    package let words: [String]
    package let core: String
    package let consonants: String

    package init(tokens: [Token]) {
        let keys = tokens.map(\.key)
        plain = tokens.map(\.foldedText).joined(separator: " ")
        whole = keys.joined(separator: " ")
        words = keys
        let coreWords = keys.filter { !Self.describingWords.contains($0) }
        core = (coreWords.isEmpty ? keys : coreWords).joined(separator: " ")
        consonants = Self.withoutVowels(core)
    }

    /// A key as the build wrote it (`CompiledGazetteer`): the fields of ``init(tokens:)``.
    package init(plain: String, whole: String, words: [String], core: String, consonants: String) {
        self.plain = plain
        self.whole = whole
        self.words = words
        self.core = core
        self.consonants = consonants
    }

    /// Latin vowels dropped, and Arabic long vowels (ا و ي) after a word's first letter: the
    /// letters transliterations disagree on.
    package static func withoutVowels(_ text: String) -> String {
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
    package func similarity(to other: SearchKey) -> Double? {
        if plain == other.plain { return 1 }
        if whole == other.whole { return 0.97 }
        if core == other.core { return 0.95 }
        if consonants.count >= 3, consonants == other.consonants { return 0.8 }
        let length = max(core.unicodeScalars.count, other.core.unicodeScalars.count)
        let shorter = min(core.unicodeScalars.count, other.core.unicodeScalars.count)
        if length >= 5, length - shorter <= 2 {
            let distance = Self.editDistance(core, other.core)
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

    /// Levenshtein distance over Unicode scalars, two rows at a time.
    package static func editDistance(_ a: String, _ b: String) -> Int {
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
