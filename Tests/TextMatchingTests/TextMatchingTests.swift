import Testing
import IncidentMapCore
@testable import TextMatching

@Suite struct NormalizerTests {
    /// Spellings that must fold to the same keys.
    static let sameKeys: [(String, String)] = [
        ("طرابلس", "طَرَابُلُس"), ("العزيزية", "العزيزيه"), ("العزيزية", "عزيزية"), ("الأمم", "الامم"),
        ("إدارة", "اداره"), ("مصراتة", "مصراته"), ("ليبيا", "ليـــبيا"), ("مستشفى", "مستشفي"),
        ("Aziziya", "Al Aziziyah"), ("Aziziya", "El Azizia"), ("Aziziya", "ʿAzīzīyah"), ("Aziziya", "al-Aziziyya"),
        ("Qasr bin Ghashir", "Gasr Ben Gashir"), ("Qasr bin Ghashir", "Kasr Ibn Ghashir"),
        ("Tarhuna", "Tarhouna"), ("Tarhuna", "Tarhunah"), ("Zawiya", "Az-Zawiyah"), ("Misrata", "Misratah"),
        ("Janzour", "Janzur"), ("Gharyan", "Garian"), ("Sabha", "SABHA"), ("Souq al-Juma", "Suq al Jumaa"),
    ]

    @Test(arguments: sameKeys)
    func spellingsFoldTogether(pair: (String, String)) {
        #expect(Normalizer.keys(of: pair.0) == Normalizer.keys(of: pair.1), "\(pair)")
    }

    @Test func differentWordsStayApart() {
        #expect(Normalizer.keys(of: "Tripoli") != Normalizer.keys(of: "Tunis"))
        #expect(Normalizer.keys(of: "سرت") != Normalizer.keys(of: "سبها"))
    }
}

@Suite struct TokenizerTests {
    @Test func offsetsPointIntoTheOriginalText() {
        let text = "قصفٌ على طَرابُلُس, and clashes at Al-Aziziya."
        let tokens = Tokenizer.tokens(in: text)
        let scalars = Array(text.unicodeScalars)
        func original(_ token: Token) -> String { String(String.UnicodeScalarView(scalars[token.start..<token.end])) }
        #expect(tokens.map(original) == ["قصفٌ", "على", "طَرابُلُس", "and", "clashes", "at", "Al-Aziziya"])
        #expect(tokens.last?.key == "azizia")
        #expect(tokens.last?.hadArticle == true)
        #expect(tokens.last?.isCapitalised == true)
    }

    @Test func aPossessiveIsItsWordWithTheSInItsSpan() {
        let text = "Misrata's port, Zawiya’s refinery, Ra's Lanuf and Sha'biyah"
        let tokens = Tokenizer.tokens(in: text)
        let scalars = Array(text.unicodeScalars)
        func original(_ token: Token) -> String { String(String.UnicodeScalarView(scalars[token.start..<token.end])) }
        #expect(tokens.map(original) == ["Misrata's", "port", "Zawiya’s", "refinery", "Ra's", "Lanuf", "and", "Sha'biyah"])
        #expect(tokens[0].key == Normalizer.keys(of: "Misrata")[0])
        #expect(tokens[2].key == Normalizer.keys(of: "Zawiya")[0])
        // Two letters before the apostrophe are a name of their own (رأس), not a possessive.
        #expect(tokens[4].key == "ras")
    }

    /// A token's key is encoded and fingerprinted from its letters in one pass; the phrase
    /// indexes fingerprint their keys from strings. The two must agree, or no word is found.
    @Test(arguments: ["طرابلس", "والقصف", "بالعزيزية", "للعزيزية", "أبو", "ابن", "Tripoli", "Gasr", "4", "٤٥", "Ωmega", "한국", "İzmir"])
    func aTokensKeyIsFingerprintedAsItsString(text: String) throws {
        let token = try #require(Tokenizer.tokens(in: text).first)
        #expect(token.byteKey == ByteKey(token.key))
        #expect(token.byteKey.fingerprint == StableHash.fnv1a64(token.key))
        for clitic in token.clitics {
            #expect(clitic.key == ByteKey(clitic.key.text))
        }
    }

    /// Words longer than the builder's first room, and letters that fold into two, keep
    /// every letter.
    @Test func longWordsAndLettersThatFoldIntoTwoKeepEveryLetter() {
        let long = String(repeating: "abc", count: 70)
        let tokens = Tokenizer.tokens(in: "x \(long) y")
        #expect(tokens.map(\.foldedText) == ["x", long, "y"])
        #expect(tokens[1].start == 2 && tokens[1].end == 212)
        let arabic = String(repeating: "سبها", count: 40)
        #expect(Tokenizer.tokens(in: arabic).first?.key == arabic)
        // A Hangul syllable folds into its three letters: a text of them fills more letters
        // than it has scalars, and the last token's letters are its own.
        let syllables = Tokenizer.tokens(in: "한한한한 한한")
        #expect(syllables.map(\.folded.count) == [12, 6])
        #expect(syllables[1].foldedText == Tokenizer.tokens(in: "한한").first?.foldedText)
    }

    @Test func digitsOfBothScriptsAreRead() {
        let tokens = Tokenizer.tokens(in: "أسر ٤ عناصر و 4 آخرين")
        #expect(tokens.map(\.key).contains("4"))
        #expect(tokens.filter { $0.key == "4" }.count == 2)
    }
}

@Suite struct PhraseIndexTests {
    static let index: PhraseIndex<String> = {
        var index = PhraseIndex<String>()
        index.insert("طرابلس", payload: "tripoli")
        index.insert("مطار طرابلس الدولي", payload: "tia")
        index.insert("العزيزية", payload: "aziziya")
        index.insert("قصر بن غشير", payload: "qasr")
        index.insert("وادي الربيع", payload: "wadi-rabi")
        index.insert("الأمم المتحدة", payload: "un")
        index.insert("Qasr bin Ghashir", payload: "qasr")
        index.insert("Tripoli", payload: "tripoli")
        index.insert("Tripoli", payload: "tripoli-lebanon")
        index.insert("Tripoli International Airport", payload: "tia")
        return index
    }()

    func found(_ text: String) -> [[String]] {
        Self.index.matches(in: Tokenizer.tokens(in: text)).map(\.payloads)
    }

    @Test(arguments: [
        ("اشتباكات في طرابلس", [["tripoli"]]),
        ("وطرابلس", [["tripoli"]]), ("بطرابلس", [["tripoli"]]), ("فبطرابلس", [["tripoli"]]),
        ("بالعزيزية", [["aziziya"]]), ("للعزيزية", [["aziziya"]]), ("والعزيزية", [["aziziya"]]), ("عزيزية", [["aziziya"]]),
        ("قرب مطار طرابلس الدولي اليوم", [["tia"]]),
        ("بمطار طرابلس الدولي", [["tia"]]),
        ("في قصر بن غشير ووادي الربيع", [["qasr"], ["wadi-rabi"]]),
        ("دعت الأممالمتحدة إلى هدنة", [["un"]]),
        ("clashes near Gasr Ben Gashir and Tripoli International Airport", [["qasr"], ["tia"]]),
        ("Tripoli", [["tripoli", "tripoli-lebanon"]]),
        ("لا شيء هنا", []),
    ])
    func findsPhrases(text: String, expected: [[String]]) {
        #expect(found(text) == expected, "\(text)")
    }

    @Test func matchOffsetsSkipADetachedProclitic() throws {
        let text = "غارة على بمطار طرابلس"
        let match = try #require(Self.index.matches(in: Tokenizer.tokens(in: text)).first)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[match.start..<match.end])) == "طرابلس")
        let prefixed = try #require(Self.index.matches(in: Tokenizer.tokens(in: "وقصف بطرابلس")).first)
        #expect(prefixed.detachedClitic)
        let plain = "وقصف بطرابلس"
        #expect(String(String.UnicodeScalarView(Array(plain.unicodeScalars)[prefixed.start..<prefixed.end])) == "طرابلس")
    }

    @Test func splitWordsAreMarked() throws {
        let match = try #require(Self.index.matches(in: Tokenizer.tokens(in: "الأممالمتحدة")).first)
        #expect(match.wasSplit)
        #expect(match.start == 0 && match.end == 12)
    }
}

/// The filter in front of a phrase index's first keys may let a stranger through (the index
/// then answers), but must never turn away a key that was inserted.
@Suite struct FingerprintFilterTests {
    @Test func neverRejectsAnInsertedKeyAndRejectsMostOthers() {
        var filter = FingerprintFilter()
        let inserted = (0..<3_000).map { ByteKey("مكان\($0)") }
        for key in inserted { filter.insert(key.fingerprint) }
        #expect(inserted.allSatisfy { filter.mayContain($0.fingerprint) })
        let strangers = (0..<10_000).map { ByteKey("كلمة\($0)") }
        let letThrough = strangers.filter { filter.mayContain($0.fingerprint) }.count
        // 3,000 of 65,536 bits set: about 4.5 % of strangers pass; a filter that passed all
        // (or a broken fingerprint) would not stay under 10 %.
        #expect(letThrough < 1_000)
    }

    @Test func anIndexStillFindsEveryPhraseBehindItsFilter() {
        var index = PhraseIndex<Int>()
        let phrases = ["طرابلس", "قصر بن غشير", "Ain Zara", "مطار معيتيقة الدولي", "العزيزية"]
        for (number, phrase) in phrases.enumerated() { index.insert(phrase, payload: number) }
        let text = "اشتباكات في قصر بن غشير وقرب مطار معيتيقة الدولي، and in Ain Zara، وبالعزيزية وطرابلس"
        let found = index.matches(in: Tokenizer.tokens(in: text)).flatMap(\.payloads)
        #expect(found == [1, 3, 2, 4, 0])
    }
}

/// Several indexes walked at once find, for each of them, exactly what it finds alone: its
/// longest phrase at a word, not overlapping its own previous match (another index's may
/// overlap it), proclitics detached and run-together words split as it would.
@Suite struct CombinedPhraseIndexTests {
    static let places: PhraseIndex<String> = PhraseIndexTests.index
    static let events: PhraseIndex<String> = {
        var index = PhraseIndex<String>()
        for phrase in ["اشتباكات", "اشتباكات عنيفة", "غارة", "غارة جوية", "قصف", "مطار", "clashes", "air strike", "strike"] {
            index.insert(phrase, payload: phrase)
        }
        return index
    }()
    static let cues: PhraseIndex<Int> = {
        var index = PhraseIndex<Int>()
        // Phrases that share words with the other two, begin inside theirs, or run past them.
        for (number, phrase) in ["في", "قرب", "near", "Tripoli International", "مطار طرابلس", "طرابلس الدولي اليوم",
                                 "الأمم", "المتحدة إلى", "غارة جوية على"].enumerated() {
            index.insert(phrase, payload: number)
        }
        return index
    }()

    @Test(arguments: [
        "اشتباكات عنيفة في قصر بن غشير ووادي الربيع، وغارة جوية على مطار طرابلس الدولي اليوم",
        "دعت الأممالمتحدة إلى هدنة قرب بمطار طرابلس الدولي والعزيزية",
        "وبالعزيزية للعزيزية فبطرابلس والأممالمتحدة إلى",
        "clashes near Gasr Ben Gashir and Tripoli International Airport, an air strike on Tripoli",
        "لا شيء هنا", "",
    ])
    func eachIndexFindsWhatItFindsAlone(text: String) {
        let tokens = Tokenizer.tokens(in: text)
        let combined = CombinedPhraseIndex([Self.places.phrases, Self.events.phrases, Self.cues.phrases])
        let found = combined.matches(in: tokens)
        #expect(Self.places.matches(found, member: 0) == Self.places.matches(in: tokens), "\(text)")
        #expect(Self.events.matches(found, member: 1) == Self.events.matches(in: tokens), "\(text)")
        #expect(Self.cues.matches(found, member: 2) == Self.cues.matches(in: tokens), "\(text)")
    }

    @Test func overlappingPhrasesOfTwoIndexesAreBothFound() {
        let tokens = Tokenizer.tokens(in: "غارة جوية على مطار طرابلس الدولي")
        let combined = CombinedPhraseIndex([Self.places.phrases, Self.cues.phrases])
        let found = combined.matches(in: tokens)
        #expect(Self.places.matches(found, member: 0).map(\.payloads) == [["tia"]])
        #expect(Self.cues.matches(found, member: 1).map(\.payloads) == [[8], [4]])
    }
}

/// The trie of first keys' letters (for words written together) finds the same prefixes as a
/// set of every inserted form asked prefix by prefix, after its table has grown many times.
@Suite struct LetterTrieTests {
    @Test func findsTheInsertedPrefixesOfAWordShortestFirstWithTheirMembers() {
        var trie = LetterTrie()
        var reference: [[Unicode.Scalar]: UInt32] = [:]
        let stems = ["الأمم", "الامم", "طرابلس", "قصر", "قوات", "حكومة", "in", "ال", "ا", "وادي", "مطار"]
        for (number, stem) in stems.enumerated() {
            for suffix in ["", "ي", "ين", "ات", "ية", "ون"] {
                let letters = Array((stem + suffix).unicodeScalars)
                let members = UInt32(1) << UInt32(number % 5)
                trie.insert(letters, members: members)
                reference[letters, default: 0] |= members
            }
        }
        for word in ["الأممالمتحدة", "طرابلسية", "قواتنا", "الامماتي", "ا", "", "zzz", "وادييين", "in"] {
            let letters = Array(word.unicodeScalars)
            let expected = (0...letters.count).compactMap { length in
                reference[Array(letters[..<length])].map { (length: length, members: $0) }
            }
            let found = Array(trie.prefixes(of: letters))
            #expect(found.map(\.length) == expected.map(\.length), "\(word)")
            #expect(found.map(\.members) == expected.map(\.members), "\(word)")
            #expect(Array(trie.prefixLengths(of: letters)) == expected.map(\.length), "\(word)")
        }
    }
}

/// A phrase looked up by exactly the keys of some tokens (a name rule for a name found).
@Suite struct ExactPhraseTests {
    @Test(arguments: [
        ("قصر بن غشير", ["qasr"]),
        ("قصر بن", []),                 // a phrase's beginning only
        ("وقصر بن غشير", []),            // a proclitic is not detached
        ("Gasr Ben Gashir", ["gasr-latin"]),
        ("طرابلس", ["tripoli"]),
        ("طرابلس الدولي", []),
    ])
    func findsOnlyAPhraseOfExactlyTheseKeys(text: String, payloads: [String]) {
        var index = PhraseIndex<String>()
        index.insert("قصر بن غشير", payload: "qasr")
        index.insert("Qasr bin Ghashir", payload: "gasr-latin")
        index.insert("طرابلس", payload: "tripoli")
        #expect(index.payloads(exactly: Tokenizer.tokens(in: text)[...]) == payloads, "\(text)")
    }
}

/// A string made from scalars is the string of those scalars, whatever their UTF-8 widths,
/// inline (up to 15 bytes) or not.
@Suite struct StringOfScalarsTests {
    @Test(arguments: ["", "a", "طرابلس", "abcdefghijklmno", "abcdefghijklmnop", "قصربنغشيرقصربنغشير", "é𓀀ق", "𓀀𓀀𓀀𓀀"])
    func isTheStringOfTheScalars(text: String) {
        let scalars = Array(text.unicodeScalars)
        let made = String(scalars: scalars)
        #expect(made == text)
        #expect(Array(made.utf8) == Array(text.utf8))
        #expect(String(scalars: scalars.dropFirst().prefix(3)) == String(String.UnicodeScalarView(scalars.dropFirst().prefix(3))))
    }
}
