import Foundation

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
    /// is removed: what clitic detachment and run-together splitting work on. A range of the
    /// one buffer that holds the letters of every token of the text.
    public let folded: Letters
    /// The form names are matched on (``folded`` with the article removed). Held once, in
    /// ``byteKey``: a second reference to the same string was one more retain and release for
    /// every copy of a token (the rules copy tokens as they read them).
    @inlinable public var key: String { byteKey.text }
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
    @usableFromInline let byteKey: ByteKey
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

    /// `letters`: the token's letters, also held in `folded` (the tokenizer's own buffer, read
    /// here for the clitic keys, not kept); `offsets`: for each of them, its offset in the
    /// original text (read here, not kept).
    init(folded: Letters, letters: UnsafeBufferPointer<Unicode.Scalar>, offsets: UnsafeBufferPointer<Int>, key: ByteKey, start: Int, end: Int,
         script: Script, isCapitalised: Bool, hadArticle: Bool) {
        self.folded = folded
        self.start = start
        self.end = end
        self.script = script
        self.isCapitalised = isCapitalised
        self.hadArticle = hadArticle
        byteKey = key
        keyStart = offsets[0]
        clitics = Token.clitics(folded: letters, offsets: offsets, script: script)
    }

    /// The same word with another span or key (a merged article, a consonant key), its
    /// first keys' offsets kept.
    init(_ token: Token, key: String? = nil, start: Int? = nil, isCapitalised: Bool? = nil, hadArticle: Bool? = nil) {
        folded = token.folded
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
    static func clitics(folded letters: UnsafeBufferPointer<Unicode.Scalar>, offsets: UnsafeBufferPointer<Int>, script: Script) -> [FirstWordKey] {
        guard script == .arabic, letters.count >= 4 else { return [] }
        let waw: Unicode.Scalar = "\u{0648}", fa: Unicode.Scalar = "\u{0641}"
        let ba: Unicode.Scalar = "\u{0628}", lam: Unicode.Scalar = "\u{0644}", kaf: Unicode.Scalar = "\u{0643}"
        let hasConjunction = letters[0] == waw || letters[0] == fa
        // Most words begin with none of the five letters: no array then.
        guard hasConjunction || letters[0] == ba || letters[0] == lam || letters[0] == kaf else { return [] }
        var keys: [FirstWordKey] = []
        func add(from dropped: Int, keyFrom first: Int? = nil) {
            let keyLetters = Normalizer.arabicKeyLetters(letters[(first ?? dropped)...])
            // Keys of two Arabic letters or more (four UTF-8 bytes).
            guard keyLetters.count >= 2 else { return }
            keys.append(FirstWordKey(key: ByteKey(scalars: UnsafeBufferPointer(rebasing: keyLetters)), scalarsDropped: dropped,
                                     start: offsets[dropped]))
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

/// The folded letters of one token: a range of a buffer that holds the letters of every token
/// of a text, indexed from 0 like an array.
///
/// Every token had an array of its own, allocated and freed for every word of every text (with
/// the array's type looked up each time, a twentieth of extraction's time with the freeing);
/// now a text's tokens share one allocation, and a token is the buffer's reference and a range.
// `@unchecked`: its buffer (a `ManagedBuffer`, which the standard library makes unavailable
// for `Sendable`) is written once, by the tokenizer, before any `Letters` reads it.
public struct Letters: RandomAccessCollection, Hashable, @unchecked Sendable {
    // Read by the inlinable members below: the rules of other modules index and iterate
    // letters word by word, and a call per letter into this module cost more than the read.
    @usableFromInline let buffer: LetterBuffer
    @usableFromInline let offset: Int32
    @usableFromInline let length: Int32

    init(_ buffer: LetterBuffer, offset: Int, count: Int) {
        self.buffer = buffer
        self.offset = Int32(offset)
        length = Int32(count)
    }

    /// Letters of their own, copied from `scalars` (a word of a list, a token whose letters
    /// outgrew its text's buffer).
    public init(_ scalars: [Unicode.Scalar]) {
        let buffer = LetterBuffer.make(capacity: scalars.count)
        buffer.withUnsafeMutablePointerToElements { letters in
            for (index, scalar) in scalars.enumerated() { (letters + index).initialize(to: scalar) }
        }
        self.init(buffer, offset: 0, count: scalars.count)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { Int(length) }

    @inlinable
    public subscript(position: Int) -> Unicode.Scalar {
        precondition(position >= 0 && position < Int(length), "Letters index out of range")
        return buffer.withUnsafeMutablePointerToElements { $0[Int(offset) + position] }
    }

    /// The letters after the first, read from the same buffer (no copy): a word without a
    /// one-letter proclitic (و in وقال).
    public func droppingFirst() -> Letters {
        precondition(length > 0, "droppingFirst of no letters")
        return Letters(buffer, offset: Int(offset) + 1, count: Int(length) - 1)
    }

    public static func == (left: Letters, right: Letters) -> Bool {
        guard left.length == right.length else { return false }
        return left.withUnsafeLetters { leftLetters in
            right.withUnsafeLetters { rightLetters in
                leftLetters.isEmpty || memcmp(leftLetters.baseAddress!, rightLetters.baseAddress!, leftLetters.count * MemoryLayout<Unicode.Scalar>.stride) == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        // The letters folded into one word first (FNV-1a), then hashed once: `Hasher` fed a
        // letter at a time, or the bytes at once, was most of a word list's lookup.
        hasher.combine(fingerprint)
    }

    /// FNV-1a of the letters: equal letters, equal fingerprints. For tables keyed by words that
    /// find a word's slot from it without `Hasher` (extraction's word lists).
    @inlinable public var fingerprint: UInt64 {
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        withUnsafeLetters { letters in
            for letter in letters { fingerprint = (fingerprint ^ UInt64(letter.value)) &* 0x100_0000_01b3 }
        }
        return fingerprint
    }

    /// The letters as a buffer, valid inside `body` only.
    @inlinable func withUnsafeLetters<Result>(_ body: (UnsafeBufferPointer<Unicode.Scalar>) throws -> Result) rethrows -> Result {
        try buffer.withUnsafeMutablePointerToElements { letters in
            try body(UnsafeBufferPointer(start: letters + Int(offset), count: Int(length)))
        }
    }
}

/// The letters of a text's tokens, one after another, in one allocation (`ManagedBuffer`: the
/// object and its elements in one block). Its header is its capacity. Written once, by the
/// tokenizer, before any token that reads it is made; never changed after.
@usableFromInline
final class LetterBuffer: ManagedBuffer<Int, Unicode.Scalar> {
    static func make(capacity: Int) -> LetterBuffer {
        unsafeDowncast(LetterBuffer.create(minimumCapacity: max(capacity, 1)) { _ in capacity }, to: LetterBuffer.self)
    }
    // `Unicode.Scalar` is a trivial type: the elements need no deinitialising.
}
