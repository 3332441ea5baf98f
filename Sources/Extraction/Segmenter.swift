import TextMatching

/// A sentence of an article: its tokens, its clauses, and where it stands in the text.
public struct Sentence: Hashable, Sendable {
    /// Token indexes of the sentence.
    public var tokens: Range<Int>
    /// Token indexes of each clause (parts between commas, semicolons and colons).
    public var clauses: [Range<Int>]
    /// Offsets of its first and one-past-last character in the text (Unicode scalars).
    public var start: Int
    public var end: Int
}

/// Splits tokenised text into sentences and clauses for Arabic and English.
///
/// Sentences end at . ! ? ؟ and line breaks, and also, with no punctuation at all, before a
/// verb that starts a sentence (أعلنت، وأكدت، قال …: `clause-start` in cues.tsv): real Arabic
/// copy loses its punctuation, and a heading that runs into the text ("غارة جوية تستهدف مطار
/// معيتيقة بطرابلس وأكدت إدارة …") must not glue its event to the next sentence's places.
public enum Segmenter {
    /// . ! ? ؟ ۔ and a line break. A switch, not a set: every gap between two words is read
    /// (hashing each of its scalars was a fortieth of extraction's time).
    @inline(__always)
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "\u{061F}", "\n", "\u{06D4}": true
        default: false
        }
    }
    /// The most words a sentence holds: real sentences, Arabic ones included, stay well under it.
    static let maximumSentenceTokens = 150
    /// , ، ; ؛ : ( ) " « »
    @inline(__always)
    static func endsClause(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", "\u{060C}", ";", "\u{061B}", ":", "(", ")", "\"", "«", "»": true
        default: false
        }
    }

    public static func sentences(text: String, tokens: [Token], clauseStarts: Set<Int>) -> [Sentence] {
        sentences(scalars: Array(text.unicodeScalars), tokens: tokens, clauseStarts: clauseStarts)
    }

    /// The sentences of text already split into scalars.
    public static func sentences(scalars: [Unicode.Scalar], tokens: [Token], clauseStarts: Set<Int>) -> [Sentence] {
        guard !tokens.isEmpty else { return [] }
        // Asked at every token: a mask reads an index, a `Set` hashed it.
        let startsClause = TokenMask(clauseStarts.map { $0..<($0 + 1) }, tokenCount: tokens.count)
        var sentences: [Sentence] = []
        var sentenceStart = 0
        var clauseStart = 0
        var clauses: [Range<Int>] = []

        func closeSentence(at index: Int) {
            guard index > sentenceStart else { return }
            clauses.append(clauseStart..<index)
            sentences.append(Sentence(tokens: sentenceStart..<index, clauses: clauses,
                                      start: tokens[sentenceStart].start, end: tokens[index - 1].end))
            sentenceStart = index
            clauseStart = index
            clauses = []
        }

        for index in 1..<tokens.count {
            let gap = scalars[tokens[index - 1].end..<tokens[index].start]
            let bothDigits = tokens[index - 1].script == .digits && tokens[index].script == .digits && gap.count == 1
            if !bothDigits, gap.contains(where: endsSentence) {
                closeSentence(at: index)
            } else if startsClause.contains(index), index - sentenceStart >= 3 {
                closeSentence(at: index)
            } else if index - sentenceStart >= maximumSentenceTokens {
                // Text with no punctuation for pages (a feed's dump, a fuzzer's input): a
                // sentence ends after so many words all the same, at its last clause break if it
                // has one, so that the work per sentence stays bounded and the whole stays linear.
                if clauseStart > sentenceStart {
                    sentences.append(Sentence(tokens: sentenceStart..<clauseStart, clauses: clauses,
                                              start: tokens[sentenceStart].start, end: tokens[clauseStart - 1].end))
                    sentenceStart = clauseStart
                    clauses = []
                } else {
                    closeSentence(at: index)
                }
            } else if !bothDigits, gap.contains(where: endsClause), index > clauseStart {
                clauses.append(clauseStart..<index)
                clauseStart = index
            }
        }
        closeSentence(at: tokens.count)
        return sentences
    }
}
