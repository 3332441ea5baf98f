import Foundation
import IncidentMapCore

/// The spellings search compares a query with, indexed so that a query is compared only with
/// the spellings that can match it: those with the same plain, folded, core or consonant key,
/// a core word in common, or a core within two letters (`SearchKey.similarity(to:)` scores
/// nothing else). Comparing every spelling, as search did, built a `SearchKey` of strings for
/// each and was a tenth of `gazetteer search`.
///
/// Built from the text `CompiledGazetteer/encode(searchEntries:)` writes, reading it as bytes:
/// keys are hashed (FNV-1a, `StableHash`'s) straight from the text, and an entry's strings are
/// made only when it is a candidate. A hash that collides only adds a candidate, which
/// `similarity(to:)` then turns down.
package struct SearchIndex: Sendable {
    private let bytes: [UInt8]
    /// Each entry's line, as a range of `bytes`.
    private let lines: [Range<Int>]
    /// Each entry's core key, as a range of `bytes`.
    private let cores: [Range<Int>]
    /// The first posting of each key hash; postings chain to the next of the same hash.
    private let firstPosting: [UInt64: Int32]
    private let postingEntry: [Int32]
    private let postingNext: [Int32]
    /// Entries by the number of Unicode scalars of their core key (the last bucket holds the longer).
    private let entriesByCoreLength: [[Int32]]
    /// Entries whose keys cannot be found by their bytes (see `CompiledGazetteer.isStable`).
    private let unstableEntries: [Int32]

    private enum Field: UInt8 { case plain = 1, whole, core, consonants, word }
    private static let longestBucket = 64

    /// The number of spellings.
    package var count: Int { lines.count }

    package init(encoded text: String) {
        bytes = Array(text.utf8)
        var lines: [Range<Int>] = [], cores: [Range<Int>] = [], unstable: [Int32] = []
        var firstPosting: [UInt64: Int32] = [:], postingEntry: [Int32] = [], postingNext: [Int32] = []
        var byLength = [[Int32]](repeating: [], count: Self.longestBucket + 1)
        func post(_ hash: UInt64, _ entry: Int32) {
            postingEntry.append(entry)
            postingNext.append(firstPosting[hash] ?? -1)
            firstPosting[hash] = Int32(postingEntry.count - 1)
        }
        var start = 0
        var tabs: [Int] = []
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let entry = Int32(lines.count)
            tabs.removeAll(keepingCapacity: true)
            for index in start..<end where bytes[index] == 0x09 { tabs.append(index) }
            lines.append(start..<end)
            // place_id stable name plain whole core consonants [words]
            let plain = tabs[2] + 1..<tabs[3], whole = tabs[3] + 1..<tabs[4], core = tabs[4] + 1..<tabs[5]
            let consonants = tabs[5] + 1..<(tabs.count > 6 ? tabs[6] : end)
            cores.append(core)
            if bytes[tabs[0] + 1] != UInt8(ascii: "1") {
                unstable.append(entry)
            } else {
                post(Self.hash(.plain, bytes[plain]), entry)
                post(Self.hash(.whole, bytes[whole]), entry)
                post(Self.hash(.core, bytes[core]), entry)
                post(Self.hash(.consonants, bytes[consonants]), entry)
                // Every word of four letters or more (the words that only describe too: a
                // candidate more, never one less).
                for word in bytes[whole].split(separator: 0x20) where Self.scalarCount(word) >= 4 {
                    post(Self.hash(.word, word), entry)
                }
            }
            byLength[min(Self.scalarCount(bytes[core]), Self.longestBucket)].append(entry)
            start = end + 1
        }
        self.lines = lines
        self.cores = cores
        self.firstPosting = firstPosting
        self.postingEntry = postingEntry
        self.postingNext = postingNext
        self.entriesByCoreLength = byLength
        self.unstableEntries = unstable
    }

    /// The entries `probe` may match, in the order of the text: a superset of those whose
    /// similarity to it is not `nil`.
    package func candidates(for probe: SearchKey) -> [Int] {
        let keys = [probe.plain, probe.whole, probe.core, probe.consonants] + probe.words
        guard keys.allSatisfy(CompiledGazetteer.isStable) else { return Array(0..<count) }
        var found = Set<Int32>(unstableEntries)
        func lookUp(_ field: Field, _ key: String) {
            var posting = firstPosting[Self.hash(field, Array(key.utf8)[...])] ?? -1
            while posting >= 0 {
                found.insert(postingEntry[Int(posting)])
                posting = postingNext[Int(posting)]
            }
        }
        lookUp(.plain, probe.plain)
        lookUp(.whole, probe.whole)
        lookUp(.core, probe.core)
        if probe.consonants.count >= 3 { lookUp(.consonants, probe.consonants) }
        for word in probe.words where !SearchKey.describingWords.contains(word) && word.unicodeScalars.count >= 4 {
            lookUp(.word, word)
        }
        // Cores one or two letters apart (similarity's 0.75 and 0.7).
        let core = Array(probe.core.unicodeScalars).map(\.value)
        let length = core.count
        var scalars: [UInt32] = []
        var rows = BoundedEditDistance()
        for bucket in min(max(0, length - 2), Self.longestBucket)...min(length + 2, Self.longestBucket) where max(bucket, length) >= 5 {
            for entry in entriesByCoreLength[bucket] where !found.contains(entry) {
                Self.decode(bytes[cores[Int(entry)]], into: &scalars)
                if abs(scalars.count - length) <= 2, rows.distance(core, scalars, limit: 2) != nil { found.insert(entry) }
            }
        }
        return found.map(Int.init).sorted()
    }

    /// The entry at `index`, its strings made from the text.
    package func entry(_ index: Int) -> SearchEntry {
        let line = lines[index]
        var fields: [Range<Int>] = []
        var fieldStart = line.lowerBound
        for position in line where bytes[position] == 0x09 {
            fields.append(fieldStart..<position)
            fieldStart = position + 1
        }
        fields.append(fieldStart..<line.upperBound)
        return CompiledGazetteer.searchEntry(bytes: bytes, fields: fields)
    }

    private static func hash(_ field: Field, _ key: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in CollectionOfOne(field.rawValue).lazy + key {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func scalarCount(_ utf8: ArraySlice<UInt8>) -> Int {
        utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Decodes valid UTF-8 (the text was a Swift string) into scalar values.
    private static func decode(_ utf8: ArraySlice<UInt8>, into scalars: inout [UInt32]) {
        scalars.removeAll(keepingCapacity: true)
        for byte in utf8 {
            if byte & 0xC0 == 0x80 {
                scalars[scalars.count - 1] = scalars[scalars.count - 1] << 6 | UInt32(byte & 0x3F)
            } else if byte < 0x80 {
                scalars.append(UInt32(byte))
            } else if byte < 0xE0 {
                scalars.append(UInt32(byte & 0x1F))
            } else if byte < 0xF0 {
                scalars.append(UInt32(byte & 0x0F))
            } else {
                scalars.append(UInt32(byte & 0x07))
            }
        }
    }
}

/// Levenshtein distance when it is at most a limit, two reused rows: the candidates' check,
/// which runs for thousands of cores per query (`SearchKey.editDistance` makes arrays of
/// strings for each).
package struct BoundedEditDistance {
    private var previous: [Int] = []
    private var current: [Int] = []

    package init() {}

    /// The distance between `left` and `right`, or `nil` when it is more than `limit`.
    package mutating func distance(_ left: [UInt32], _ right: [UInt32], limit: Int) -> Int? {
        if abs(left.count - right.count) > limit { return nil }
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...right.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: right.count + 1))
        for i in 1...left.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...right.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[right.count] <= limit ? previous[right.count] : nil
    }
}
