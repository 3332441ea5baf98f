import Testing
import TextMatching
@testable import Extraction

/// Trigger forms made from the lexicon's lemmas: forms nobody listed are read like the lemma.
@Suite struct InflectionTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test func arabicDerivedVerbsGetTheirPersonsNounsAndPlurals() {
        let verb = Set(ArabicInflection.forms(ofPhrase: "اختطف"))
        #expect(verb.isSuperset(of: ["اختطفوا", "اختطفت", "يختطفون", "تختطف", "يختطفوا", "اختطفوه",
                                     "اختطاف", "اختطافات", "اختطافين"]))
        // A possessive on a verbal noun mostly names a state or a motive told before: not made.
        #expect(!verb.contains("اختطافهم"))
        #expect(Set(ArabicInflection.forms(ofPhrase: "استهدف")).isSuperset(of: ["يستهدف", "استهداف", "استهدافات"]))
        #expect(Set(ArabicInflection.forms(ofPhrase: "انفجر")).isSuperset(of: ["ينفجر", "انفجارين"]))
        #expect(Set(ArabicInflection.forms(ofPhrase: "احتجاج")).isSuperset(of: ["احتجاجات", "احتجاجين"]))
        // A hollow verb keeps the persons whose stem keeps its alef; its noun is no pattern's.
        let hollow = Set(ArabicInflection.forms(ofPhrase: "اغتال"))
        #expect(hollow.isSuperset(of: ["اغتالوا", "يغتال"]) && !hollow.contains("اغتاال"))
        // The base stem and forms II–V do not show their pattern: listed form by form.
        #expect(ArabicInflection.forms(ofPhrase: "قصف").isEmpty)
        #expect(ArabicInflection.forms(ofPhrase: "تمركز").isEmpty)
        #expect(ArabicInflection.forms(ofPhrase: "اختطف مسلحون").isEmpty)
    }

    @Test func englishPhrasesLedByAVerbInflectThatVerb() {
        #expect(Set(EnglishInflection.forms(ofPhrase: "take over")).isSuperset(of: ["took over", "taken over", "taking over"]))
        #expect(Set(EnglishInflection.forms(ofPhrase: "open fire")).isSuperset(of: ["opened fire", "opening fire"]))
        #expect(Set(EnglishInflection.forms(ofPhrase: "come under fire")).isSuperset(of: ["came under fire", "comes under fire"]))
        #expect(EnglishInflection.forms(ofPhrase: "retake").contains("retook"))
    }

    /// A lemma marked "as-written" gets no forms: a word read by its subject lists its own.
    @Test func anAsWrittenLemmaIsNotInflected() throws {
        var lexicon = Lexicon()
        try lexicon.read("اقتحم\tBattles\tArmed clash\tas-written\nاختطف\tViolence against civilians\tAbduction/forced disappearance\n",
                         file: "triggers.tsv")
        func found(_ word: String) -> Bool { !lexicon.triggers.matches(in: Tokenizer.tokens(in: word)).isEmpty }
        #expect(found("اقتحم") && !found("اقتحموا") && !found("اقتحامات"))
        #expect(found("اختطفوا") && found("اختطافات"))
        #expect(throws: LexiconError.self) { try lexicon.read("اقتحم\tBattles\tArmed clash\tsometimes\n", file: "triggers.tsv") }
    }

    @Test(arguments: [
        // The plural verbal noun in a list of towns.
        ("شهدت غريان وترهونة أمس اختطافات لموظفين", ["2217362 Violence against civilians/Abduction/forced disappearance 2019-04-08",
                                                   "2210221 Violence against civilians/Abduction/forced disappearance 2019-04-08"]),
        // The imperfect plural.
        ("مسلحون يختطفون المارة في غريان أمس", ["2217362 Violence against civilians/Abduction/forced disappearance 2019-04-08"]),
        // A phrasal verb in its past, and fronts opened.
        ("Rebels took over Gharyan yesterday", ["2217362 Battles/Non-state actor overtakes territory 2019-04-08"]),
        ("وتزامن ذلك أمس مع فتح جبهات جديدة في غريان", ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func readsFormsNobodyListed(text: String, expected: [String]) {
        #expect(Set(summary(text)) == Set(expected), "\(text)")
    }
}
