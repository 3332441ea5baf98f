/// A fixed set of words' letters, asked with ``contains(_:)``: the rules' small word sets
/// (extraction's place frames, the gazetteer's evidence words) are asked of the tokens around every place, and a `Set<Letters>` ran
/// `Hasher` (its seeding and finalising) on each question. Found by ``LetterTable`` instead.
public struct LetterSet: Sendable {
    @usableFromInline var table = LetterTable<Bool>()

    @inlinable public init(_ words: some Sequence<Letters>) {
        for word in words { table.update(word, default: true) { _ in } }
    }

    /// Whether `letters` is one of the words.
    @inlinable public func contains(_ letters: Letters) -> Bool { table[letters] != nil }

    /// The words of both sets.
    public func union(_ other: LetterSet) -> LetterSet {
        var result = self
        for word in other.table.keys { result.table.update(word, default: true) { _ in } }
        return result
    }
}

/// A table keyed by words' letters, open-addressed on ``Letters/fingerprint`` (FNV-1a, made
/// here once per question), the words compared letter for letter only where the fingerprints
/// agree. Written here because a `Dictionary` hashes with `Hasher`, whose seeding and
/// finalising cost more than the word's own FNV, and neither the standard library nor
/// swift-collections takes a precomputed hash.
public struct LetterTable<Value: Sendable>: Sendable {
    /// An empty table.
    @inlinable public init() {}

    /// For each slot (a power of two of them, at most half full), the index of its word in
    /// `words`, or -1 where it is free. The probe reads integers, not the words' references.
    @usableFromInline var slots = [Int32](repeating: -1, count: 16)
    @usableFromInline var fingerprints: [UInt64] = []
    @usableFromInline var words: [Letters] = []
    @usableFromInline var values: [Value] = []
    /// 4,096 bits, one set for each word's first letter, last letter and length: most words
    /// asked (a text's words, asked of every list) are in no table, and a clear bit says so
    /// without folding all their letters into a fingerprint and probing.
    @usableFromInline var quickFilter = [UInt64](repeating: 0, count: 64)

    @inlinable @inline(__always)
    static func quickBit(of word: Letters) -> Int {
        guard let first = word.first, let last = word.last else { return 0 }
        return Int((first.value &* 31 &+ last.value &* 131 &+ UInt32(truncatingIfNeeded: word.count) &* 7_919) & 4_095)
    }

    @inlinable @inline(__always)
    func home(of fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: (fingerprint &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots.count - 1)
    }

    /// The slot holding `word`, or the free one where it would go.
    @inlinable @inline(__always)
    func slot(of word: Letters, fingerprint: UInt64) -> Int {
        var slot = home(of: fingerprint)
        while true {
            let index = Int(slots[slot])
            if index < 0 || (fingerprints[index] == fingerprint && words[index] == word) { return slot }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The words held, in the order they were added.
    public var keys: [Letters] { words }

    /// The value of `word`, or `nil` where the table has none.
    @inlinable public subscript(word: Letters) -> Value? {
        let bit = Self.quickBit(of: word)
        guard quickFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        let index = Int(slots[slot(of: word, fingerprint: word.fingerprint)])
        return index < 0 ? nil : values[index]
    }

    /// Changes the value of `word` with `change`, from `initial` where it has none.
    @inlinable public mutating func update(_ word: Letters, default initial: Value, _ change: (inout Value) -> Void) {
        let fingerprint = word.fingerprint
        let found = Int(slots[slot(of: word, fingerprint: fingerprint)])
        if found >= 0 {
            change(&values[found])
            return
        }
        var value = initial
        change(&value)
        let bit = Self.quickBit(of: word)
        quickFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        fingerprints.append(fingerprint)
        words.append(word)
        values.append(value)
        if words.count * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for index in words.indices { slots[slot(of: words[index], fingerprint: fingerprints[index])] = Int32(index) }
        } else {
            slots[slot(of: word, fingerprint: fingerprint)] = Int32(words.count - 1)
        }
    }
}
