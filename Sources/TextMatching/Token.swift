/// The writing system of a token, which decides how it is normalised.
public enum Script: Sendable, Hashable {
    case arabic
    case latin
    case digits
    case other
}

/// A word of a text: its normalised form for matching and where it stands in the original.
///
/// Offsets count Unicode scalars (code points) from the start of the text, as
/// `EvidenceSpan` does, so they point into the original, not the normalised, text.
public struct Token: Sendable, Hashable {
    /// The letters after folding (diacritics, letter variants), before any clitic or article
    /// is removed: what clitic detachment and run-together splitting work on.
    public let folded: [Unicode.Scalar]
    /// For each scalar of ``folded``, its offset in the original text.
    public let offsets: [Int]
    /// The form names are matched on (``folded`` with the article removed).
    public let key: String
    /// Offset of the token's first scalar in the original text.
    public let start: Int
    /// Offset one past its last scalar.
    public let end: Int
    public let script: Script
    /// For Latin script: the token began with a capital letter in the original.
    public let isCapitalised: Bool
    /// A Latin article (al-, el-, ad- …) that was merged into this token: the token's span
    /// starts at the article.
    public let hadArticle: Bool

    /// The keys a phrase may begin with at this token: ``key``, then, for Arabic, the word
    /// without its proclitics (و ف, then ب ل ك; لل read as ال), each with the number of
    /// scalars dropped. Made once per token: every phrase index (places, triggers, actors,
    /// cues, dates …) reads them.
    let firstWordKeys: [FirstWordKey]
    /// ``key`` for the phrase indexes' lookups, hashed once.
    let byteKey: ByteKey

    init(folded: [Unicode.Scalar], offsets: [Int], key: String, start: Int, end: Int, script: Script,
         isCapitalised: Bool, hadArticle: Bool) {
        self.folded = folded
        self.offsets = offsets
        self.key = key
        self.start = start
        self.end = end
        self.script = script
        self.isCapitalised = isCapitalised
        self.hadArticle = hadArticle
        byteKey = ByteKey(key)
        firstWordKeys = Token.firstWordKeys(folded: folded, key: byteKey, script: script)
    }

    /// The folded text as a string.
    public var foldedText: String { String(scalars: folded) }

    static func firstWordKeys(folded letters: [Unicode.Scalar], key: ByteKey, script: Script) -> [FirstWordKey] {
        guard script == .arabic, letters.count >= 4 else { return [FirstWordKey(key: key, scalarsDropped: 0)] }
        var candidates: [(String, Int)] = [(key.text, 0)]
        let waw: Unicode.Scalar = "\u{0648}", fa: Unicode.Scalar = "\u{0641}"
        let ba: Unicode.Scalar = "\u{0628}", lam: Unicode.Scalar = "\u{0644}", kaf: Unicode.Scalar = "\u{0643}"
        var stems: [Int] = [0]
        if letters[0] == waw || letters[0] == fa { stems.append(1) }
        for stem in stems {
            if stem > 0 { candidates.append((Normalizer.arabicKey(letters[stem...]), stem)) }
            guard letters.count - stem >= 4 else { continue }
            let first = letters[stem]
            if first == lam, letters[stem + 1] == lam {
                // للعزيزية = ل + العزيزية: the article's alef is not written after ل.
                candidates.append((Normalizer.arabicKey(letters[(stem + 2)...]), stem + 1))
            }
            if first == ba || first == lam || first == kaf {
                candidates.append((Normalizer.arabicKey(letters[(stem + 1)...]), stem + 1))
            }
        }
        // Keys of Arabic letters: two letters are at least four UTF-8 bytes.
        return candidates.filter { $0.0.utf8.count >= 4 }.map { FirstWordKey(key: ByteKey($0.0), scalarsDropped: $0.1) }
    }
}

/// A key a phrase may begin with at a token, and how many of its scalars were dropped.
struct FirstWordKey: Hashable, Sendable {
    let key: ByteKey
    let scalarsDropped: Int
}
