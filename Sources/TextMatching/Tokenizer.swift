/// Splits text into ``Token``s in one pass, keeping each token's offsets in the original text.
///
/// A token is a run of letters, combining marks and digits of one script. Apostrophes and
/// ʿ ʾ inside a Latin word are dropped without splitting it (Ra's, Sha'biyah); a possessive's
/// "'s" stays in the token's span but not in its letters (Misrata's is Misrata); hyphens split
/// words, and a Latin article before a hyphen or space is merged into the next word.
public enum Tokenizer {
    public static func tokens(in text: String) -> [Token] {
        tokens(in: Array(text.unicodeScalars))
    }

    /// The tokens of text already split into scalars (offsets index `scalars`).
    public static func tokens(in scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        // Folding makes at most one letter of a scalar, but for a few Latin letters (İ → i̇):
        // a token that finds the buffer full gets letters of its own.
        var builder = TokenBuilder(letters: LetterBuffer.make(capacity: scalars.count))
        defer { builder.deallocate() }
        // The separator since the last token: its first scalar and how many there were.
        var separator: Unicode.Scalar?
        var separatorCount = 0

        func flush() {
            guard let token = builder.finish() else { return }
            // A Latin article before a hyphen or a space is merged into the word after it, as
            // the tokens are made: a second array of every token and its separator, copied
            // again after, was a tenth of extraction's time.
            // The token's script first: `tokens.last` copies a token (and retains its storage).
            if token.script == .latin, let previous = tokens.last, previous.script == .latin, !previous.hadArticle,
               separatorCount == 1, let separator, isArticle(previous.foldedText, before: separator) {
                tokens[tokens.count - 1] = Token(token, start: previous.start,
                                                 isCapitalised: previous.isCapitalised || token.isCapitalised, hadArticle: true)
            } else {
                tokens.append(token)
            }
            separator = nil
            separatorCount = 0
        }

        // The "s" of a possessive, read into the word before it but not into its letters.
        var possessiveS = -1
        for (offset, scalar) in scalars.enumerated() {
            if offset == possessiveS { continue }
            let script = TokenBuilder.script(of: scalar)
            if let script {
                if builder.hasContent, !builder.accepts(script) { flush() }
                builder.add(scalar, at: offset, script: script)
            } else if TokenBuilder.isArabicMark(scalar), builder.hasContent {
                builder.add(scalar, at: offset, script: .arabic)
            } else if builder.isLatin, TokenBuilder.isWordInternalMark(scalar), offset + 1 < scalars.count,
                      TokenBuilder.script(of: scalars[offset + 1]) == .latin {
                // "Misrata's", "Zawiya’s": the place's own name, its span with the "'s" (a rule
                // may ask whether a word was a possessive). Not after one or two letters: Ra's.
                if scalars[offset + 1] == "s" || scalars[offset + 1] == "S", builder.letterCount >= 3,
                   offset + 2 == scalars.count || TokenBuilder.script(of: scalars[offset + 2]) != .latin {
                    builder.extend(to: offset + 2)
                    possessiveS = offset + 1
                } else {
                    builder.add(scalar, at: offset, script: .latin)
                }
            } else {
                flush()
                if separatorCount == 0 { separator = scalar }
                separatorCount += 1
            }
        }
        flush()
        return tokens
    }

    static func isArticle(_ word: String, before separator: Unicode.Scalar) -> Bool {
        if separator == "-" {
            return Normalizer.latinArticles.contains(word) || Normalizer.hyphenOnlyArticles.contains(word)
        }
        return separator == " " && Normalizer.latinArticles.contains(word)
    }
}

/// Accumulates one token's scalars. Its letters and their offsets go into two buffers made
/// once per text and reused from token to token; a finished token's letters are copied into
/// the text's one `LetterBuffer`, so that a token costs no allocation of its own.
///
/// The buffers are raw memory, not arrays: two arrays appended to for every letter and
/// emptied for every word (each append and each emptying asking whether the array is shared)
/// cost more than the folding itself. The builder is used by one ``Tokenizer/tokens(in:)``
/// call, which frees the buffers with ``deallocate()``; it is never copied.
struct TokenBuilder {
    private var folded: UnsafeMutablePointer<Unicode.Scalar>
    private var offsets: UnsafeMutablePointer<Int>
    private var capacity: Int
    /// The letters the token has so far.
    private(set) var letterCount = 0
    /// The letters of the text's tokens so far, and how many of its places they fill.
    private let letters: LetterBuffer
    /// The buffer's capacity, read once: its header is a class's stored property, checked for
    /// exclusive access at every read.
    private let lettersCapacity: Int
    private var written = 0

    init(letters: LetterBuffer) {
        self.letters = letters
        lettersCapacity = letters.header
        capacity = 64
        folded = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
    }

    func deallocate() {
        folded.deallocate()
        offsets.deallocate()
    }

    private var start = -1
    private var end = -1
    private var script: Script?
    private var capitalised = false

    var hasContent: Bool { start >= 0 }

    /// Takes the scalars up to `offset` into the token's span without adding letters.
    mutating func extend(to offset: Int) { end = offset }
    var isLatin: Bool { script == .latin }

    func accepts(_ other: Script) -> Bool {
        guard let script else { return true }
        if script == other { return true }
        // Digits run into Latin words (B52), not into Arabic ones.
        return (script == .latin && other == .digits) || (script == .digits && other == .latin)
    }

    static func script(of scalar: Unicode.Scalar) -> Script? {
        let value = scalar.value
        // The common cases first, in few comparisons: ASCII, then the Arabic letters.
        if value < 0x80 {
            if value >= 0x61 { return value <= 0x7A ? .latin : nil }
            if value >= 0x41 { return value <= 0x5A ? .latin : nil }
            return value >= 0x30 && value <= 0x39 ? .digits : nil
        }
        if (value >= 0x0641 && value <= 0x064A) || (value >= 0x0621 && value <= 0x063A) { return .arabic }
        switch value {
        case 0x0621...0x063A, 0x0641...0x064A, 0x0671...0x06D3, 0x0640, 0x064B...0x065F, 0x0670: return .arabic
        case 0x0030...0x0039, 0x0660...0x0669, 0x06F0...0x06F9: return .digits
        case 0x0041...0x005A, 0x0061...0x007A, 0x00C0...0x024F, 0x1E00...0x1EFF, 0x02BE, 0x02BF: return .latin
        // Spaces, punctuation and Arabic punctuation, without a Unicode property lookup.
        case 0...0x7F, 0x0600...0x061F, 0x066A...0x066D, 0x06D4: return nil
        default:
            return isAlphabetic(scalar) ? .other : nil
        }
    }

    static func isArabicMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670
    }

    static func isWordInternalMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "`"
    }

    @inline(__always)
    private mutating func append(_ letter: Unicode.Scalar, at offset: Int) {
        if letterCount == capacity { grow() }
        folded[letterCount] = letter
        offsets[letterCount] = offset
        letterCount += 1
    }

    /// Twice the room, for a token longer than any word (a run of digits, a URL's letters).
    private mutating func grow() {
        let larger = capacity * 2
        let newFolded = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: larger)
        newFolded.moveInitialize(from: folded, count: letterCount)
        folded.deallocate()
        folded = newFolded
        let newOffsets = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        newOffsets.moveInitialize(from: offsets, count: letterCount)
        offsets.deallocate()
        offsets = newOffsets
        capacity = larger
    }

    mutating func add(_ scalar: Unicode.Scalar, at offset: Int, script scalarScript: Script?) {
        if start < 0 {
            start = offset
            script = scalarScript ?? .latin
            switch scalar.value {
            case 0x41...0x5A: capitalised = true
            case 0...0x7F, 0x0600...0x06FF: capitalised = false
            default: capitalised = Self.isUppercase(scalar)
            }
        } else if script == .digits, let scalarScript, scalarScript == .latin {
            script = .latin
        }
        end = offset + 1
        switch scalarScript {
        case .arabic:
            if let folded = Normalizer.foldArabic(scalar) { append(folded, at: offset) }
        case .digits:
            // ASCII, Arabic-Indic and Extended Arabic-Indic digits: the same ten in a row.
            let value: UInt32
            switch scalar.value {
            case 0x30...0x39: value = scalar.value - 0x30
            case 0x0660...0x0669: value = scalar.value - 0x0660
            case 0x06F0...0x06F9: value = scalar.value - 0x06F0
            default: value = 0
            }
            append(Unicode.Scalar(UInt8(48 + value)), at: offset)
        default:
            // ASCII letters without the general folding's array.
            switch scalar.value {
            case 0x41...0x5A: append(Unicode.Scalar(UInt8(scalar.value + 0x20)), at: offset)
            case 0x61...0x7A, 0x30...0x39: append(scalar, at: offset)
            default: appendFolding(scalar, at: offset)
            }
        }
    }

    // Unicode's properties and the general folding out of line: a scalar's properties are a
    // value of a size known only at run time, which made every call of `add` reserve stack for
    // it, where few scalars need them.
    @inline(never)
    private static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    @inline(never)
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isUppercase
    }

    @inline(never)
    private mutating func appendFolding(_ scalar: Unicode.Scalar, at offset: Int) {
        for letter in Normalizer.foldLatin(scalar) ?? [] { append(letter, at: offset) }
    }

    mutating func finish() -> Token? {
        defer { reset() }
        guard start >= 0, letterCount > 0, let script else { return nil }
        let word = UnsafeBufferPointer(start: folded, count: letterCount)
        // The letters copied into the text's buffer: the builder's stay its own for the next token.
        let stored: Letters
        if written + letterCount <= lettersCapacity {
            letters.withUnsafeMutablePointerToElements { buffer in (buffer + written).initialize(from: folded, count: letterCount) }
            stored = Letters(letters, offset: written, count: letterCount)
            written += letterCount
        } else {
            stored = Letters(Array(word))
        }
        let key: ByteKey
        switch script {
        case .arabic: key = ByteKey(scalars: UnsafeBufferPointer(rebasing: Normalizer.arabicKeyLetters(word[...])))
        case .latin: key = ByteKey(Normalizer.latinKey(word))
        default: key = ByteKey(scalars: word)
        }
        return Token(folded: stored, letters: word, offsets: UnsafeBufferPointer(start: offsets, count: letterCount), key: key,
                     start: start, end: end, script: script, isCapitalised: capitalised, hadArticle: false)
    }

    private mutating func reset() {
        letterCount = 0
        start = -1
        end = -1
        script = nil
        capitalised = false
    }
}

extension Tokenizer {
    /// A Latin word's consonants (its key without a, e, i, o, u), for names whose vowels
    /// transliterations disagree on: Teminhint / Tamanhint, Sebha / Sabha, Ganfuda / Ganfouda.
    public static func consonants(of key: String) -> String {
        String(String.UnicodeScalarView(key.unicodeScalars.filter { !"aeiou".unicodeScalars.contains($0) }))
    }

    /// `tokens` with each Latin token's key replaced by its consonants (Arabic and other tokens
    /// as they are), for matching a ``PhraseIndex`` built from the consonants of Latin names.
    public static func consonantTokens(_ tokens: [Token]) -> [Token] {
        tokens.map { token in
            guard token.script == .latin else { return token }
            return Token(token, key: consonants(of: token.key))
        }
    }
}
