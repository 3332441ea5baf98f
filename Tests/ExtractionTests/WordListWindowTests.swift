import Testing
import TextMatching
@testable import Extraction

/// The one windowed question trigger typing and event status ask of the word lists: a word of a
/// list within so many words of a trigger, inside the sentence. Sentences written for the test.
@Suite struct WordListWindowTests {
    let words = try! Lexicon.bundled().words

    @Test func findsAWordOfTheListWithinTheReachOnly() {
        // "any" two words before "attack" (tokens: to guard against any new attack today).
        let tokens = Tokenizer.tokens(in: "to guard against any new attack today")
        let attack = 5..<6
        #expect(words.has(.hypothetical, in: tokens, around: attack, before: 2, after: 0, within: tokens.indices))
        #expect(!words.has(.hypothetical, in: tokens, around: attack, before: 1, after: 0, within: tokens.indices))
        // The sentence's bounds clip the window.
        #expect(!words.has(.hypothetical, in: tokens, around: attack, before: 2, after: 0, within: 4..<tokens.count))
        #expect(words.firstIndex(of: .hypothetical, in: tokens, around: attack, before: 3, after: 0, within: tokens.indices) == 3)
    }

    @Test func looksAfterTheSpanAndNeverInsideIt() {
        let tokens = Tokenizer.tokens(in: "the fighting was quiet")
        #expect(words.has(.calm, in: tokens, around: 1..<2, before: 0, after: 2, within: tokens.indices))
        #expect(!words.has(.calm, in: tokens, around: 1..<2, before: 0, after: 1, within: tokens.indices))
        // A span that holds the word does not find it in itself.
        #expect(!words.has(.calm, in: tokens, around: 1..<4, before: 1, after: 3, within: tokens.indices))
    }
}
