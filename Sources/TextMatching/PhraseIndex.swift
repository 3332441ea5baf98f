import Foundation
import IncidentMapCore
/// Finds known phrases (place names, trigger words, actor names) in tokenised text: a trie over
/// normalised token keys, scanned once left to right, so the cost grows with the text's length
/// and not with the number of phrases. The longest phrase at a position wins ("مطار طرابلس
/// الدولي" is the airport, not the city).
///
/// Arabic words may carry proclitics the phrase does not (وطرابلس, بالعزيزية, للعزيزية): the
/// first word of a phrase is also tried without و/ف, then ب/ل/ك, and لل read as ال. Two words
/// run together by mistake (الأممالمتحدة) are split where both halves continue a phrase.
///
/// ```swift
/// var index = PhraseIndex<String>()
/// index.insert("قصر بن غشير", payload: "qasr-bin-ghashir")
/// let matches = index.matches(in: Tokenizer.tokens(in: "اشتباكات في قصر بن غشير"))
/// ```
public struct PhraseIndex<Payload: Hashable & Sendable>: Sendable {
    /// The phrases' keys. The trie holds no payloads, so that matching (a dictionary probe per
    /// key per token, the bulk of extraction) runs as concrete code: called from other modules,
    /// a generic trie ran unspecialised, looking up type metadata and copying nodes on every
    /// probe.
    private var trie = PhraseTrie()
    /// Each trie node's payloads (empty where no phrase ends).
    private var payloads: [[Payload]] = [[]]

    public init() {}

    /// The number of distinct phrases indexed.
    public var phraseCount: Int { trie.phraseCount }

    /// Adds `phrase` (normalised as text is) with `payload`. A phrase may carry several
    /// payloads (namesakes).
    public mutating func insert(_ phrase: String, payload: Payload) {
        insert(keys: Normalizer.keys(of: phrase), payload: payload)
    }

    public mutating func insert(keys: [String], payload: Payload) {
        guard let node = trie.insert(keys: keys) else { return }
        while payloads.count < trie.nodeCount { payloads.append([]) }
        if !payloads[node].contains(payload) { payloads[node].append(payload) }
    }

    /// Every indexed phrase found in `tokens`, left to right, longest first, not overlapping.
    public func matches(in tokens: [Token]) -> [PhraseMatch<Payload>] {
        trie.matches(in: tokens).map(phraseMatch)
    }

    /// The longest phrase starting at `index`, trying the word as written first, then
    /// without proclitics, then split in two.
    public func longestMatch(at index: Int, in tokens: [Token]) -> PhraseMatch<Payload>? {
        trie.longestMatch(at: index, in: tokens).map(phraseMatch)
    }

    /// The payloads of the phrase whose keys are exactly those of `tokens`, as written (no
    /// proclitic detached, no word split); none where no phrase has them. For a rule looked up
    /// by a name already found: its tokens' keys are hashed already, and no string is joined.
    public func payloads(exactly tokens: ArraySlice<Token>) -> [Payload] {
        trie.node(exactly: tokens).map { payloads[$0] } ?? []
    }

    /// The phrases without their payloads, for walking several indexes at once
    /// (``CombinedPhraseIndex``).
    public var phrases: PhraseSet { PhraseSet(trie: trie) }

    /// This index's matches of a walk of several indexes at once, where it was the `member`th
    /// of the ``CombinedPhraseIndex``: the same as ``matches(in:)`` on the walk's tokens.
    public func matches(_ found: CombinedPhraseMatches, member: Int) -> [PhraseMatch<Payload>] {
        found.matches[member].map(phraseMatch)
    }

    private func phraseMatch(_ match: PhraseTrie.Match) -> PhraseMatch<Payload> {
        PhraseMatch(payloads: payloads[match.node], start: match.start, end: match.end, firstToken: match.firstToken,
                    tokenCount: match.tokenCount, detachedClitic: match.detachedClitic, wasSplit: match.wasSplit)
    }
}

/// The trie of a ``PhraseIndex``: token keys along the edges, the phrases' last keys marked.
struct PhraseTrie: Sendable {
    /// A phrase found, by the trie node where it ends.
    struct Match {
        var node: Int
        var start: Int
        var end: Int
        var firstToken: Int
        var tokenCount: Int
        var detachedClitic: Bool
        var wasSplit: Bool
    }

    private(set) var children: [[ByteKey: Int]] = [[:]]
    private(set) var isPhraseEnd: [Bool] = [false]
    /// The phrases' first keys as bits of their fingerprints: most words start no phrase, and
    /// a clear bit tells so without a probe of the root's dictionary (Swift's `Hasher` run on
    /// every probe was a tenth of extraction's time).
    private var firstKeyFilter = FingerprintFilter()
    /// Keys that start some phrase (for run-together splitting).
    private(set) var firstKeys: Set<ByteKey> = []
    /// The letters a word can start with when its first part is a phrase's first key, as a
    /// trie over scalars: the key itself, and with the article ال before it (which the key
    /// drops). Splitting walks it along the word's letters instead of building a key for
    /// every cut, which was a quarter of extraction's time.
    private var firstKeyLetters = LetterTrie()

    private(set) var phraseCount = 0
    var nodeCount: Int { children.count }

    /// Adds the phrase of `keys`; returns the node where it ends (nil for no keys).
    mutating func insert(keys: [String]) -> Int? {
        guard let first = keys.first else { return nil }
        let firstKey = ByteKey(first)
        firstKeyFilter.insert(firstKey.fingerprint)
        if firstKeys.insert(firstKey).inserted {
            for form in Self.letterForms(ofFirstKey: first) { firstKeyLetters.insert(form) }
        }
        var node = 0
        for key in keys.map(ByteKey.init) {
            if let next = children[node][key] {
                node = next
            } else {
                children.append([:])
                isPhraseEnd.append(false)
                children[node][key] = children.count - 1
                node = children.count - 1
            }
        }
        if !isPhraseEnd[node] {
            isPhraseEnd[node] = true
            phraseCount += 1
        }
        return node
    }

    /// The letters a word written together with the next begins with, when its first part is
    /// the first key `first`: the key itself, and with the article ال before it (which the key drops).
    static func letterForms(ofFirstKey first: String) -> [[Unicode.Scalar]] {
        let letters = Array(first.unicodeScalars)
        let article: [Unicode.Scalar] = ["\u{0627}", "\u{0644}"]
        return [letters, article + letters].filter { Normalizer.arabicKey($0[...]) == first }
    }

    /// The node where the phrase of exactly `tokens`' keys ends, if it is one.
    func node(exactly tokens: ArraySlice<Token>) -> Int? {
        var node = 0
        for position in tokens.indices {
            guard let next = children[node][tokens[position].byteKey] else { return nil }
            node = next
        }
        return node > 0 && isPhraseEnd[node] ? node : nil
    }

    func matches(in tokens: [Token]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < tokens.count {
            if let match = longestMatch(at: index, in: tokens) {
                matches.append(match)
                index += match.tokenCount
            } else {
                index += 1
            }
        }
        return matches
    }

    func longestMatch(at index: Int, in tokens: [Token]) -> Match? {
        var best: Match?
        func tryKey(_ key: ByteKey, start: Int, clitic: Bool) {
            guard firstKeyFilter.mayContain(key.fingerprint), let node = children[0][key] else { return }
            if let found = walk(from: node, start: start, tokens: tokens, index: index, clitic: clitic, split: false),
               best == nil || found.tokenCount > best!.tokenCount {
                best = found
            }
        }
        tryKey(tokens[index].byteKey, start: tokens[index].keyStart, clitic: false)
        for candidate in tokens[index].clitics {
            tryKey(candidate.key, start: candidate.start, clitic: candidate.scalarsDropped > 0)
        }
        if best == nil, tokens[index].script == .arabic, tokens[index].folded.count >= 6 {
            best = splitMatch(at: index, in: tokens)
        }
        return best
    }

    /// Follows the trie from `node` (the phrase's first word, at token `index`) through the
    /// tokens after it; the longest phrase ending on the way.
    private func walk(from node: Int, start: Int, tokens: [Token], index: Int, clitic: Bool, split: Bool) -> Match? {
        var node = node
        var best: Match?
        var position = index
        while true {
            if isPhraseEnd[node] {
                best = Match(node: node, start: start, end: tokens[position].end, firstToken: index,
                             tokenCount: position - index + 1, detachedClitic: clitic, wasSplit: split)
            }
            position += 1
            guard position < tokens.count, !children[node].isEmpty,
                  let next = children[node][tokens[position].byteKey] else { break }
            node = next
        }
        return best
    }

    /// Tries each split of an unmatched Arabic word into two keys that begin a phrase together.
    private func splitMatch(at index: Int, in tokens: [Token]) -> Match? {
        let letters = tokens[index].folded
        for cut in firstKeyLetters.prefixLengths(of: letters) where cut >= 2 && cut < letters.count - 1 {
            let left = ByteKey(Normalizer.arabicKey(letters[..<cut]))
            guard firstKeyFilter.mayContain(left.fingerprint), let leftNode = children[0][left] else { continue }
            let right = Normalizer.arabicKey(letters[cut...])
            guard let rightNode = children[leftNode][ByteKey(right)] else { continue }
            if let found = walk(from: rightNode, start: tokens[index].start, tokens: tokens, index: index,
                                clitic: false, split: true) {
                return found
            }
        }
        return nil
    }
}

/// A phrase found in a text.
public struct PhraseMatch<Payload: Hashable & Sendable>: Hashable, Sendable {
    /// What the phrase stands for (several where namesakes share it).
    public var payloads: [Payload]
    /// Offset of the phrase's first scalar in the original text (after a detached proclitic).
    public var start: Int
    /// Offset one past its last scalar.
    public var end: Int
    /// Index of its first token.
    public var firstToken: Int
    /// How many tokens it spans.
    public var tokenCount: Int
    /// The first word carried a proclitic (و ف ب ل ك) that was detached to find it.
    public var detachedClitic: Bool
    /// Found by splitting two words written together.
    public var wasSplit: Bool
}

extension PhraseMatch {
    /// A phrase that a rule found over `tokens` (their first to their last) rather than an
    /// index: a trigger read from words apart from each other ("قتل … بالرصاص").
    public init(payloads: [Payload], tokens: ArraySlice<Token>) {
        self.init(payloads: payloads, start: tokens.first?.start ?? 0, end: tokens.last?.end ?? 0,
                  firstToken: tokens.startIndex, tokenCount: tokens.count, detachedClitic: false, wasSplit: false)
    }

    /// The same match standing for other payloads (a filtered or converted list).
    public func withPayloads<Other>(_ payloads: [Other]) -> PhraseMatch<Other> {
        PhraseMatch<Other>(payloads: payloads, start: start, end: end, firstToken: firstToken, tokenCount: tokenCount,
                           detachedClitic: detachedClitic, wasSplit: wasSplit)
    }
}

/// A normalised key compared and hashed by its UTF-8 bytes. `String`'s own `==` and hash
/// follow Unicode canonical equivalence and look up normalisation data for every non-ASCII
/// character, which made Arabic lookups the largest cost of extraction; the keys are
/// normalised by ``Normalizer`` already, so equal keys have equal bytes.
@usableFromInline
struct ByteKey: Hashable, Sendable {
    @usableFromInline let text: String
    /// FNV-1a of the bytes (`StableHash`, the incident ids' hash), made once with the key:
    /// every dictionary probe hashes this word instead of the whole key (a token is looked up
    /// in half a dozen phrase indexes).
    let fingerprint: UInt64

    @inline(__always)
    init(_ text: String) {
        self.text = text
        fingerprint = StableHash.fnv1a64(text)
    }

    /// The key of `scalars`, encoded and fingerprinted in one pass (a token's key).
    init(scalars: UnsafeBufferPointer<Unicode.Scalar>) {
        (text, fingerprint) = String.utf8(of: scalars)
    }

    @usableFromInline static func == (left: ByteKey, right: ByteKey) -> Bool {
        guard left.fingerprint == right.fingerprint else { return false }
        var left = left.text, right = right.text
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }
}




/// A set of 64-bit fingerprints that may answer "maybe" for one never inserted, never "no"
/// for one that was: 2¹⁶ bits, set at the fingerprint's low 16 bits (a Bloom filter with one
/// hash). A few thousand first keys leave most bits clear. Written here because the
/// standard library and swift-collections have no such set.
struct FingerprintFilter: Sendable {
    private var words = [UInt64](repeating: 0, count: 1 << 10)

    mutating func insert(_ fingerprint: UInt64) {
        let bit = Int(truncatingIfNeeded: fingerprint) & 0xFFFF
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    @inline(__always)
    func mayContain(_ fingerprint: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: fingerprint) & 0xFFFF
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// A trie over Unicode scalars that tells which prefixes of a word are in it, and for a trie
/// of several indexes' forms, which indexes inserted each (a bit each).
///
/// Its edges are one open-addressed table keyed by parent node and scalar: it is walked along
/// every unmatched long Arabic word of every text (for two words written together), and a
/// `Dictionary` per node ran Swift's `Hasher` for every letter, a twentieth of extraction.
/// The prefixes found come one at a time (``prefixes(of:)``), with no array made per word.
struct LetterTrie: Sendable {
    private struct Edge: Sendable {
        /// The parent node and the scalar, `parent << 32 | scalar`; `UInt64.max` marks a free slot.
        var key: UInt64 = .max
        var child: Int32 = 0
    }

    private var edges = [Edge](repeating: Edge(), count: 16)
    private var edgeCount = 0
    private var shift: UInt64 = 60
    private var endMask: [UInt32] = [0]

    mutating func insert(_ letters: [Unicode.Scalar], members: UInt32 = 1) {
        var node = 0
        for letter in letters {
            if let next = child(of: node, letter) {
                node = next
            } else {
                endMask.append(0)
                let created = endMask.count - 1
                addEdge(key: Self.key(parent: node, letter: letter), child: created)
                node = created
            }
        }
        endMask[node] |= members
    }

    @inline(__always)
    private static func key(parent: Int, letter: Unicode.Scalar) -> UInt64 {
        UInt64(truncatingIfNeeded: parent) << 32 | UInt64(letter.value)
    }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    private func child(of parent: Int, _ letter: Unicode.Scalar) -> Int? {
        let key = Self.key(parent: parent, letter: letter)
        var slot = self.slot(of: key)
        while true {
            let edge = edges[slot]
            if edge.key == key { return Int(edge.child) }
            if edge.key == .max { return nil }
            slot = (slot + 1) & (edges.count - 1)
        }
    }

    private mutating func addEdge(key: UInt64, child: Int) {
        if (edgeCount + 1) * 2 > edges.count {
            let old = edges
            edges = [Edge](repeating: Edge(), count: old.count * 2)
            shift -= 1
            for edge in old where edge.key != .max { place(edge) }
        }
        place(Edge(key: key, child: Int32(child)))
        edgeCount += 1
    }

    private mutating func place(_ edge: Edge) {
        var slot = self.slot(of: edge.key)
        while edges[slot].key != .max { slot = (slot + 1) & (edges.count - 1) }
        edges[slot] = edge
    }

    /// The lengths of the prefixes of `letters` that were inserted, shortest first.
    func prefixLengths<Word: RandomAccessCollection>(of letters: Word) -> some Sequence<Int>
    where Word.Element == Unicode.Scalar, Word.Index == Int {
        prefixes(of: letters).lazy.map(\.length)
    }

    /// The prefixes of `letters` that were inserted, shortest first, each with the members
    /// that inserted it.
    func prefixes<Word: RandomAccessCollection>(of letters: Word) -> Prefixes<Word>
    where Word.Element == Unicode.Scalar, Word.Index == Int {
        Prefixes(trie: self, letters: letters)
    }

    /// The inserted prefixes of a word, found as they are iterated.
    struct Prefixes<Word: RandomAccessCollection>: Sequence, IteratorProtocol
    where Word.Element == Unicode.Scalar, Word.Index == Int {
        let trie: LetterTrie
        let letters: Word
        private var node = 0
        private var length = 0

        init(trie: LetterTrie, letters: Word) {
            self.trie = trie
            self.letters = letters
        }

        mutating func next() -> (length: Int, members: UInt32)? {
            while length < letters.count {
                guard let next = trie.child(of: node, letters[length]) else {
                    length = letters.count
                    return nil
                }
                node = next
                length += 1
                if trie.endMask[node] != 0 { return (length, trie.endMask[node]) }
            }
            return nil
        }
    }
}
