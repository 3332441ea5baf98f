/// Spellings a name takes in real copy that no source lists, made by rule when the gazetteer is
/// indexed (the rules that fold one letter into another live in `Normalizer`; these are the ones
/// that change how a name splits into words).
///
/// - Arabic: أبو، بو، بن، ابن، سيدي، بير run into the next word (أبو سليم / بوسليم, بن غشير /
///   بنغشير); أبو and بو are one key already (`Normalizer`).
/// - Latin: Abu Salim / Bu Salim / Busalim, Bin Ghashir / Benghashir, written as one word; an
///   article assimilated into the name (Assadada) left off (Sadada), and written into a name
///   that has none (Swani / Asswani).
package enum NameVariants {
    static let arabicJoiners: Set<String> = ["أبو", "ابو", "بو", "بن", "ابن", "سيدي", "بير"]
    static let latinJoiners: Set<String> = ["abu", "abou", "bu", "bou", "ben", "bin"]

    /// Letters an Arabic article assimilates to (the sun letters, as transliterated).
    static let sunLetters: Set<Character> = ["t", "d", "r", "z", "s", "n", "l"]

    /// `names` and the run-together forms the rules give, each once.
    package static func expanded(_ names: [String]) -> [String] {
        var all = names
        for name in names {
            // An assimilated article written into the name (Assadada, Ezzawiya, Azzintan): the
            // name without it (Sadada, Zawiya, Zintan), as reports write it.
            let letters = Array(name)
            if letters.count >= 6, ["A", "E", "a", "e"].contains(letters[0]), sunLetters.contains(letters[1]),
               letters[2] == letters[1], letters[3].isLetter {
                let variant = String(letters[2]).uppercased() + String(letters[3...])
                if !all.contains(variant) { all.append(variant) }
            }
            // The reverse: a name spelled with its first vowel elided after a sun letter (Swani,
            // Zliten) written with the assimilated article run into it (Asswani, Azzliten), as
            // Libyan copy writes it. Only where a consonant follows: the doubled letter is then
            // the article's, where "Aswad" after a vowel would read as a name Suad.
            if letters.count >= 4, let first = letters.first, first.isUppercase, first.isASCII,
               sunLetters.contains(Character(first.lowercased())), letters[1].isLetter, letters[1].isLowercase,
               !"aeiouh".contains(letters[1]) {
                let variant = "A" + first.lowercased() + String(letters).lowercased()
                if !all.contains(variant) { all.append(variant) }
            }
        }
        for name in names {
            let words = name.split(separator: " ")
            guard words.count >= 2 else { continue }
            for index in 0..<(words.count - 1) {
                let word = String(words[index])
                let isArabicJoiner = arabicJoiners.contains(word)
                let isLatinJoiner = latinJoiners.contains(word.lowercased())
                guard isArabicJoiner || isLatinJoiner else { continue }
                var joined = words
                let next = isLatinJoiner ? words[index + 1].lowercased() : String(words[index + 1])
                joined[index] = Substring(word + next)
                joined.remove(at: index + 1)
                let variant = joined.joined(separator: " ")
                if !all.contains(variant) { all.append(variant) }
            }
        }
        return all
    }
}
