import IncidentMapCore
import Foundation

/// Folds Arabic and Latin spellings of one word to one key, so that a name is found however a
/// source writes it.
///
/// Arabic: tashkeel and tatweel removed; أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي; Persian
/// ک ی → ك ي; the article ال dropped from the key. Latin: case and diacritics folded,
/// ʿ ʾ ' ‘ ’ dropped, q and gh → g, ou and w → u, dj → j, ch → sh, y → i, a leading ei → ai,
/// Ben/Bin/Ibn one word, Abu/Bu/Bou one word, doubled letters single, -iyah/-iya/-ia → ia,
/// the construct -iyat/-iet → ia, a final -ie or -ea → i (Rabie, Rabea, Rabi), a final h after
/// a vowel dropped; Arabic أبو/بو and ابن/بن one
/// word; a final hamza after alef dropped (الفقهاء, الفقها). Written by hand: no available library knows these
/// transliteration conventions.
public enum Normalizer {
    /// Folds one Arabic letter; `nil` drops it (diacritics, tatweel).
    @inline(__always)
    static func foldArabic(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED: return nil
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"  // آ أ إ ٱ → ا
        case 0x0649, 0x06CC, 0x0626: return "\u{064A}"          // ى ی ئ → ي
        case 0x0629: return "\u{0647}"                          // ة → ه
        case 0x0624: return "\u{0648}"                          // ؤ → و
        case 0x06A9: return "\u{0643}"                          // ک → ك
        default: return scalar
        }
    }

    static let alef: Unicode.Scalar = "\u{0627}", lam: Unicode.Scalar = "\u{0644}"

    /// The key of a folded Arabic word (a ``Token/folded``, or part of one): without a leading
    /// article where a name remains. The same as the key of the token these letters make.
    public static func arabicKey<Word: BidirectionalCollection>(_ folded: Word) -> String
    where Word.Element == Unicode.Scalar, Word.SubSequence == Word {
        String(scalars: arabicKeyLetters(folded))
    }

    /// The letters of `folded` that make its ``arabicKey(_:)``: a key is always a stretch of
    /// the word's letters, so that a token's key is encoded (and fingerprinted) straight from
    /// them.
    static func arabicKeyLetters<Word: BidirectionalCollection>(_ folded: Word) -> Word
    where Word.Element == Unicode.Scalar, Word.SubSequence == Word {
        // أبو and بو, ابن and بن are one word in names (أبو سليم، بوسليم).
        if folded.count == 3, folded.first == alef, folded.dropFirst().first == "\u{0628}" {
            let last = folded.last!
            if last == "\u{0648}" || last == "\u{0646}" { return folded.dropFirst() }
        }
        var letters = folded
        // A final hamza after alef is often not written: الفقهاء / الفقها, تاجوراء / تاجورا.
        if letters.count >= 4, letters.last == "\u{0621}", letters.dropLast().last == alef { letters = letters.dropLast() }
        if letters.count >= 4, letters.first == alef, letters.dropFirst().first == lam {
            letters = letters.dropFirst(2)
        }
        return letters
    }

    /// Folds a Latin letter to lower-case ASCII where it has a base letter; `nil` drops it.
    @inline(__always)
    static func foldLatin(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch scalar.value {
        case 0x41...0x5A: return [Unicode.Scalar(scalar.value + 0x20)!]
        case 0x61...0x7A, 0x30...0x39: return [scalar]
        case 0x02BE, 0x02BF, 0x0027, 0x2018, 0x2019, 0x0060, 0x00B4: return nil
        default:
            // Decompose (ā → a + ¯) and keep the base letter.
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            let letters = decomposed.filter { $0.properties.isAlphabetic }
            guard !letters.isEmpty else { return nil }
            return letters.flatMap { letter -> [Unicode.Scalar] in
                let lower = letter.properties.lowercaseMapping.unicodeScalars
                return Array(lower)
            }
        }
    }

    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u"]

    /// The key of a folded Latin word. One pass over the letters, then the word's ends: this
    /// runs for every Latin token of every article (Foundation's `replacingOccurrences`, once per
    /// rule, was most of the gazetteer's start-up).
    static func latinKey(_ folded: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        switch String(scalars: folded) {
        case "ksar", "kasr", "qsar": return "gasr"
        case "ben", "ibn", "bn", "bin": return "bin"
        case "abu", "abou", "bu", "bou", "abo": return "bu"
        default: break
        }
        // French spellings: Ou and W for و, Dj for ج, Ch for ش; q and gh for ق and غ; y for ي.
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(folded.count)
        func append(_ letter: Unicode.Scalar) {
            // Doubled letters single: Zawiyya, Tarhunnah.
            if letters.last != letter { letters.append(letter) }
        }
        var index = 0
        while index < folded.count {
            let letter = folded[index]
            let next = index + 1 < folded.count ? folded[index + 1] : " "
            let afterNext = index + 2 < folded.count ? folded[index + 2] : " "
            switch (letter, next) {
            case ("o", "u"): append("u"); index += 2
            case ("d", "j"): append("j"); index += 2
            case ("t", "c") where afterNext == "h": append("s"); append("h"); index += 3
            case ("c", "h"): append("s"); append("h"); index += 2
            case ("g", "h"): append("g"); index += 2
            case ("w", _): append("u"); index += 1
            case ("q", _): append("g"); index += 1
            case ("y", _): append("i"); index += 1
            default: append(letter); index += 1
            }
        }
        // ع written Ei at the start, as Ai: Ein Zara, Ain Zara.
        if letters.count > 3, letters[0] == "e", letters[1] == "i" { letters[0] = "a" }
        // A final h after a vowel: Misratah, Misrata.
        if letters.count > 3, letters.last == "h", vowels.contains(letters[letters.count - 2]) { letters.removeLast() }
        // A final ع after i, written -ie, -ea or not at all: Rabie, Rabea, Rabi.
        if letters.count > 4, let last = letters.last, last == "e" || last == "a",
           letters[letters.count - 2] == (last == "e" ? "i" : "e") {
            letters.removeLast(2)
            letters.append("i")
        }
        // The construct -at of Zawiyat, Qaryat, Zawiet: the same word as Zawiya, Qarya.
        if letters.count > 4, letters.last == "t", letters[letters.count - 3] == "i",
           letters[letters.count - 2] == "a" || letters[letters.count - 2] == "e" {
            letters.removeLast(2)
            letters.append("a")
        }
        return String(scalars: letters)
    }

    /// Latin articles that are merged into the word after them. `as`, `at`, `an`, `en` are
    /// English words too, so they count as articles only when a hyphen joins them to the word.
    static let latinArticles: Set<String> = ["al", "el", "ad", "ash", "az", "ar", "ath", "adh", "ed", "ez", "er", "ech", "et", "es"]
    static let hyphenOnlyArticles: Set<String> = ["as", "at", "an", "en", "ag", "ak"]

    /// Normalises a whole phrase to the keys of its tokens (as names are indexed).
    public static func keys(of phrase: String) -> [String] {
        Tokenizer.tokens(in: phrase).map(\.key)
    }
}

extension String {
    /// A string of `scalars`, encoded straight into the string's storage:
    /// `String(String.UnicodeScalarView(scalars))` appends them one at a time, which was a
    /// sixth of extraction's time. The capacity asked is the exact UTF-8 length: a string of
    /// up to 15 bytes (an Arabic word of 7 letters) is then kept inline, with no allocation;
    /// asked four bytes a scalar, every word of 4 scalars or more was allocated on the heap.
    @inlinable
    public init(scalars: some Collection<Unicode.Scalar>) {
        // Letters held in one block (a token's, a slice of them): encoded by `utf8(of:)`.
        if let string = scalars.withContiguousStorageIfAvailable({ String.utf8(of: $0).string }) {
            self = string
            return
        }
        var byteCount = 0
        for scalar in scalars { byteCount += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var count = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}

extension String {
    /// The string of `scalars` and the FNV-1a fingerprint of its UTF-8 bytes (what
    /// `StableHash.fnv1a64` gives for it): encoded into a buffer on the stack, Arabic and
    /// Latin letters by hand (one or two bytes), then hashed there and made a string at once.
    /// The general path (the scalars counted, encoded through a closure a byte at a time, the
    /// string's bytes then read again through its index to hash them) was most of a token's
    /// cost, and every word of every article is made a key.
    @usableFromInline
    static func utf8(of scalars: UnsafeBufferPointer<Unicode.Scalar>) -> (string: String, fingerprint: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(scalars.count * 4, 1)) { buffer in
            let bytes = buffer.baseAddress!
            var count = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    bytes[count] = UInt8(truncatingIfNeeded: value)
                    count &+= 1
                } else if value < 0x800 {
                    bytes[count] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
                    bytes[count &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                    count &+= 2
                } else {
                    for byte in UTF8.encode(scalar)! {
                        bytes[count] = byte
                        count &+= 1
                    }
                }
            }
            let encoded = UnsafeBufferPointer(start: bytes, count: count)
            return (String(decoding: encoded, as: UTF8.self), StableHash.fnv1a64(bytes: encoded))
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars of `text`, in one decoding pass into an array of their exact count.
    /// `Array(text.unicodeScalars)` decodes the text twice, once to count its scalars and once
    /// to copy them (a thirtieth of extraction's time); counting the bytes that begin a scalar
    /// is a plain loop over the UTF-8.
    public init(scalarsOf text: String) {
        let count = text.utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            // A scalar begins at every byte that is not a continuation byte (10xxxxxx).
            for byte in bytes { count &+= (byte & 0xC0) != 0x80 ? 1 : 0 }
            return count
        } ?? text.unicodeScalars.count
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            for scalar in text.unicodeScalars where index < count {
                buffer[index] = scalar
                index += 1
            }
            initialized = index
        }
    }
}
