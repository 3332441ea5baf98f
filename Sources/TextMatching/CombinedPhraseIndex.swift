/// The phrases of a ``PhraseIndex`` without their payloads: what a ``CombinedPhraseIndex`` is
/// made of.
public struct PhraseSet: Sendable {
    let trie: PhraseTrie
}

/// Several ``PhraseIndex``es walked over a text at once: one trie of all their phrases, each
/// node marked with the indexes (members) whose phrases run through it and end at it, so that
/// a word is looked up once for all of them instead of once per index. Each member's matches
/// are exactly what its own ``PhraseIndex/matches(in:)`` finds: for each member, the longest
/// phrase at a token, not overlapping that member's previous match.
///
/// Extraction reads half a dozen lexicons (cues, actors, triggers, numbers, dates) over every
/// token; walked one by one, each probed every word, and every unmatched Arabic word was tried
/// for a run-together split once per lexicon.
///
/// ```swift
/// let combined = CombinedPhraseIndex([triggers.phrases, places.phrases])
/// let found = combined.matches(in: tokens)
/// let triggerMatches = triggers.matches(found, member: 0)
/// ```
public struct CombinedPhraseIndex: Sendable {
    /// A member's phrases by bit: at most 32 members.
    private let memberCount: Int
    /// The key on the edge into each node (the root's is empty).
    private var nodeKeys: [ByteKey] = [ByteKey("")]
    /// The members whose phrases run through (or end at) each node.
    private var pathMask: [UInt32] = [0]
    /// The members with a phrase ending at each node.
    private var endMask: [UInt32] = [0]
    /// For node × member, that member's own trie node (-1 where it has none): its payloads.
    private var memberNodes: [Int32]
    /// Every edge, found by its parent and the key's fingerprint.
    private var edges = EdgeTable()
    private var firstKeyFilter = FingerprintFilter()
    /// The first keys' letter forms of every member, for run-together splitting.
    private var firstKeyLetters = LetterTrie()

    public init(_ members: [PhraseSet]) {
        precondition(members.count <= 32, "a combined phrase index holds 32 indexes at most")
        memberCount = members.count
        memberNodes = [Int32](repeating: -1, count: members.count)
        for (member, set) in members.enumerated() {
            let bit = UInt32(1) << UInt32(member)
            add(set.trie, from: 0, to: 0, bit: bit, member: member)
            for key in set.trie.firstKeys {
                firstKeyFilter.insert(key.fingerprint)
                for form in PhraseTrie.letterForms(ofFirstKey: key.text) { firstKeyLetters.insert(form, members: bit) }
            }
        }
        edges.finish()
    }

    /// Adds the member's subtrie under its `node` below this trie's `combined` node.
    private mutating func add(_ trie: PhraseTrie, from node: Int, to combined: Int, bit: UInt32, member: Int) {
        memberNodes[combined * memberCount + member] = Int32(node)
        pathMask[combined] |= bit
        if trie.isPhraseEnd[node] { endMask[combined] |= bit }
        for (key, child) in trie.children[node] {
            let next: Int
            if let existing = edges.child(of: combined, key: key, keys: nodeKeys) {
                next = existing
            } else {
                next = nodeKeys.count
                nodeKeys.append(key)
                pathMask.append(0)
                endMask.append(0)
                memberNodes.append(contentsOf: repeatElement(-1, count: memberCount))
                edges.insert(parent: combined, child: next, fingerprint: key.fingerprint)
            }
            add(trie, from: child, to: next, bit: bit, member: member)
        }
    }

    /// Every member's matches in `tokens`, left to right, longest first, not overlapping
    /// within a member.
    public func matches(in tokens: [Token]) -> CombinedPhraseMatches {
        var walk = Walk(memberCount: memberCount)
        var index = 0
        while index < tokens.count {
            var active: UInt32 = 0
            for member in 0..<memberCount where walk.nextFree[member] <= index { active |= 1 << UInt32(member) }
            if active != 0 {
                let found = longestMatches(at: index, in: tokens, members: active, walk: &walk)
                forEachMember(of: found) { member in
                    let match = walk.best[member]!
                    walk.found[member].append(match)
                    walk.nextFree[member] = index + match.tokenCount
                }
            }
            index += 1
        }
        return CombinedPhraseMatches(matches: walk.found)
    }

    /// The state of one walk over a text, made once for it.
    private struct Walk {
        var found: [[PhraseTrie.Match]]
        /// Each member's first token after its last match.
        var nextFree: [Int]
        /// Each member's longest match at the current token.
        var best: [PhraseTrie.Match?]
        /// Along one path: each member's last phrase end (token, node).
        var lastEnd: [(position: Int, node: Int)]

        init(memberCount: Int) {
            found = Array(repeating: [], count: memberCount)
            nextFree = Array(repeating: 0, count: memberCount)
            best = Array(repeating: nil, count: memberCount)
            lastEnd = Array(repeating: (0, 0), count: memberCount)
        }
    }

    /// Each of `members`' longest match at `index` into `walk.best`, as ``PhraseTrie`` finds
    /// it alone: the word as written, then without proclitics (a longer match wins, the first
    /// on a tie), else split in two at the first cut that begins one of the member's phrases.
    /// Returns the members that have one.
    private func longestMatches(at index: Int, in tokens: [Token], members: UInt32, walk: inout Walk) -> UInt32 {
        var found: UInt32 = 0
        func tryKey(_ key: ByteKey, start: Int, clitic: Bool) {
            guard firstKeyFilter.mayContain(key.fingerprint), let node = edges.child(of: 0, key: key, keys: nodeKeys),
                  pathMask[node] & members != 0 else { return }
            let ended = follow(from: node, start: start, tokens: tokens, index: index, members: members, walk: &walk)
            forEachMember(of: ended) { member in
                let match = self.match(member, ending: walk.lastEnd[member], start: start, tokens: tokens, index: index,
                                       clitic: clitic, split: false)
                if found & (1 << UInt32(member)) == 0 || match.tokenCount > walk.best[member]!.tokenCount {
                    walk.best[member] = match
                    found |= 1 << UInt32(member)
                }
            }
        }
        tryKey(tokens[index].byteKey, start: tokens[index].keyStart, clitic: false)
        for candidate in tokens[index].clitics {
            tryKey(candidate.key, start: candidate.start, clitic: candidate.scalarsDropped > 0)
        }
        var pending = members & ~found
        guard pending != 0, tokens[index].script == .arabic, tokens[index].folded.count >= 6 else { return found }
        // Two words run together (الأممالمتحدة): each member takes its first cut, shortest
        // first, whose two halves begin one of its phrases.
        let letters = tokens[index].folded
        for (cut, formMembers) in firstKeyLetters.prefixes(of: letters) where cut >= 2 && cut < letters.count - 1 {
            guard pending & formMembers != 0 else { continue }
            let left = ByteKey(Normalizer.arabicKey(letters[..<cut]))
            guard firstKeyFilter.mayContain(left.fingerprint), let leftNode = edges.child(of: 0, key: left, keys: nodeKeys),
                  pathMask[leftNode] & pending & formMembers != 0 else { continue }
            let right = ByteKey(Normalizer.arabicKey(letters[cut...]))
            guard let rightNode = edges.child(of: leftNode, key: right, keys: nodeKeys) else { continue }
            let splitting = pathMask[rightNode] & pathMask[leftNode] & pending & formMembers
            guard splitting != 0 else { continue }
            let ended = follow(from: rightNode, start: tokens[index].start, tokens: tokens, index: index, members: splitting, walk: &walk)
            forEachMember(of: ended) { member in
                walk.best[member] = match(member, ending: walk.lastEnd[member], start: tokens[index].start, tokens: tokens,
                                          index: index, clitic: false, split: true)
                found |= 1 << UInt32(member)
                pending &= ~(1 << UInt32(member))
            }
            if pending == 0 { break }
        }
        return found
    }

    /// Follows the trie from `node` (a phrase's first word, at token `index`) through the
    /// tokens after it, noting in `walk.lastEnd` each of `members`' last phrase end on the way;
    /// returns the members that have one.
    private func follow(from node: Int, start: Int, tokens: [Token], index: Int, members: UInt32, walk: inout Walk) -> UInt32 {
        var node = node
        var position = index
        var ended: UInt32 = 0
        while true {
            let ending = endMask[node] & members
            if ending != 0 {
                ended |= ending
                forEachMember(of: ending) { walk.lastEnd[$0] = (position, node) }
            }
            position += 1
            guard position < tokens.count, let next = edges.child(of: node, key: tokens[position].byteKey, keys: nodeKeys),
                  pathMask[next] & members != 0 else { break }
            node = next
        }
        return ended
    }

    /// The member's phrase from token `index` to its last end on the path followed.
    private func match(_ member: Int, ending end: (position: Int, node: Int), start: Int, tokens: [Token], index: Int,
                       clitic: Bool, split: Bool) -> PhraseTrie.Match {
        PhraseTrie.Match(node: Int(memberNodes[end.node * memberCount + member]), start: start, end: tokens[end.position].end,
                                firstToken: index, tokenCount: end.position - index + 1, detachedClitic: clitic, wasSplit: split)
    }

    @inline(__always)
    private func forEachMember(of mask: UInt32, _ body: (Int) -> Void) {
        var rest = mask
        while rest != 0 {
            body(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
    }
}

/// What a walk of a ``CombinedPhraseIndex`` found, by member: read with
/// ``PhraseIndex/matches(_:member:)``.
public struct CombinedPhraseMatches: Sendable {
    let matches: [[PhraseTrie.Match]]
}

/// The edges of a trie in one open-addressed table, found by parent node and key fingerprint:
/// a `Dictionary` per node ran Swift's `Hasher` on every probe, and a word is probed at every
/// token. Written here because neither the standard library nor swift-collections has a
/// table keyed by a precomputed hash.
struct EdgeTable: Sendable {
    private struct Entry: Sendable {
        var parent: Int32 = -1
        var child: Int32 = 0
        var fingerprint: UInt64 = 0
    }

    private var entries: [Entry] = []
    private var pending: [(parent: Int, child: Int, fingerprint: UInt64)] = []
    private var shift: UInt64 = 63

    /// Edges are added to a list while the trie is built (lookups then scan it) and hashed once
    /// it is complete, by ``finish()``.
    mutating func insert(parent: Int, child: Int, fingerprint: UInt64) {
        pending.append((parent, child, fingerprint))
        pendingIndex[PendingKey(parent: parent, fingerprint: fingerprint), default: []].append(child)
    }

    private struct PendingKey: Hashable, Sendable {
        var parent: Int
        var fingerprint: UInt64
    }

    private var pendingIndex: [PendingKey: [Int]] = [:]

    mutating func finish() {
        var bits: UInt64 = 4
        while (1 << bits) < pending.count * 2 { bits += 1 }
        shift = 64 - bits
        entries = Array(repeating: Entry(), count: 1 << Int(bits))
        for edge in pending {
            var slot = self.slot(parent: edge.parent, fingerprint: edge.fingerprint)
            while entries[slot].parent >= 0 { slot = (slot + 1) & (entries.count - 1) }
            entries[slot] = Entry(parent: Int32(edge.parent), child: Int32(edge.child), fingerprint: edge.fingerprint)
        }
        pending = []
        pendingIndex = [:]
    }

    @inline(__always)
    private func slot(parent: Int, fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: ((fingerprint ^ (UInt64(truncatingIfNeeded: parent) &* 0x9E37_79B9_7F4A_7C15))
                                 &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// The child of `parent` along `key` (its key compared byte for byte), if there is one.
    @inline(__always)
    func child(of parent: Int, key: ByteKey, keys: [ByteKey]) -> Int? {
        if !pendingIndex.isEmpty {
            return pendingIndex[PendingKey(parent: parent, fingerprint: key.fingerprint)]?.first { keys[$0] == key }
        }
        guard !entries.isEmpty else { return nil }
        var slot = self.slot(parent: parent, fingerprint: key.fingerprint)
        while true {
            let entry = entries[slot]
            if entry.parent < 0 { return nil }
            if entry.parent == parent, entry.fingerprint == key.fingerprint, keys[Int(entry.child)] == key { return Int(entry.child) }
            slot = (slot + 1) & (entries.count - 1)
        }
    }
}
