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

    /// ``key`` for the phrase indexes' lookups, hashed once.
    let byteKey: ByteKey
    /// Where a phrase that begins with ``key`` starts in the original text: the first folded
    /// letter's offset (after a dropped ʿ, or the word after a merged article).
    let keyStart: Int
    /// The further keys a phrase may begin with at this token: for Arabic, the word without its
    /// proclitics (و ف, then ب ل ك; لل read as ال), each with the number of scalars dropped.
    /// Made once per token: every phrase index (places, triggers, actors, cues, dates …) reads
    /// them. Most words have none, and an empty array costs no allocation: every token used to
    /// carry two arrays besides its letters (each letter's offset, and every first key, its own
    /// among them), allocated, retained and released for every word of every article.
    let clitics: [FirstWordKey]

    /// `offsets`: for each scalar of `folded`, its offset in the original text (read here, not kept).
    init(folded: [Unicode.Scalar], offsets: UnsafeBufferPointer<Int>, key: String, start: Int, end: Int, script: Script,
         isCapitalised: Bool, hadArticle: Bool) {
        self.folded = folded
        self.key = key
        self.start = start
        self.end = end
        self.script = script
        self.isCapitalised = isCapitalised
        self.hadArticle = hadArticle
        byteKey = ByteKey(key)
        keyStart = offsets[0]
        clitics = Token.clitics(folded: folded, offsets: offsets, script: script)
    }

    /// The same word with another span or key (a merged article, a consonant key), its
    /// first keys' offsets kept.
    init(_ token: Token, key: String? = nil, start: Int? = nil, isCapitalised: Bool? = nil, hadArticle: Bool? = nil) {
        folded = token.folded
        self.key = key ?? token.key
        self.start = start ?? token.start
        end = token.end
        script = token.script
        self.isCapitalised = isCapitalised ?? token.isCapitalised
        self.hadArticle = hadArticle ?? token.hadArticle
        byteKey = key.map(ByteKey.init) ?? token.byteKey
        keyStart = token.keyStart
        clitics = token.clitics
    }

    /// The folded text as a string.
    public var foldedText: String { String(scalars: folded) }

    /// The keys of the word without its proclitics, in the order phrases are tried on them.
    static func clitics(folded letters: [Unicode.Scalar], offsets: UnsafeBufferPointer<Int>, script: Script) -> [FirstWordKey] {
        guard script == .arabic, letters.count >= 4 else { return [] }
        let waw: Unicode.Scalar = "\u{0648}", fa: Unicode.Scalar = "\u{0641}"
        let ba: Unicode.Scalar = "\u{0628}", lam: Unicode.Scalar = "\u{0644}", kaf: Unicode.Scalar = "\u{0643}"
        let hasConjunction = letters[0] == waw || letters[0] == fa
        // Most words begin with none of the five letters: no array then.
        guard hasConjunction || letters[0] == ba || letters[0] == lam || letters[0] == kaf else { return [] }
        var keys: [FirstWordKey] = []
        func add(from dropped: Int, keyFrom first: Int? = nil) {
            let key = Normalizer.arabicKey(letters[(first ?? dropped)...])
            // Keys of Arabic letters: two letters are at least four UTF-8 bytes.
            if key.utf8.count >= 4 { keys.append(FirstWordKey(key: ByteKey(key), scalarsDropped: dropped, start: offsets[dropped])) }
        }
        for stem in hasConjunction ? [0, 1] : [0] {
            if stem > 0 { add(from: stem) }
            guard letters.count - stem >= 4 else { continue }
            let first = letters[stem]
            // للعزيزية = ل + العزيزية: the article's alef is not written after ل.
            if first == lam, letters[stem + 1] == lam { add(from: stem + 1, keyFrom: stem + 2) }
            if first == ba || first == lam || first == kaf { add(from: stem + 1) }
        }
        return keys
    }
}

/// A key a phrase may begin with at a token, how many of its scalars were dropped, and where
/// the phrase then starts in the original text.
struct FirstWordKey: Hashable, Sendable {
    let key: ByteKey
    let scalarsDropped: Int
    let start: Int
}
