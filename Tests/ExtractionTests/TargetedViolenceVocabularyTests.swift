import Testing
import TextMatching
@testable import Extraction

/// Killings and abductions of persons as Libyan reports word them: gunmen who fired on a man,
/// a killing told with the bullets that did it, an assassination in the verb's passive, a
/// person taken to a place nobody names, in Arabic and English. Sentences written for the test
/// (facts and word choices from real reports, not their sentences).
@Suite struct TargetedViolenceVocabularyTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    static let attack = "2217362 Violence against civilians/Attack 2019-04-08"
    static let abduction = "2217362 Violence against civilians/Abduction/forced disappearance 2019-04-08"

    @Test func hollowVerbsGetTheirPassiveAndTheirNoun() {
        let assassinate = Set(ArabicInflection.forms(ofPhrase: "اغتال"))
        #expect(assassinate.isSuperset(of: ["اغتيل", "اغتيلت", "اغتيلوا", "اغتيال", "اغتيالات"]))
        #expect(Set(ArabicInflection.forms(ofPhrase: "اقتاد")).isSuperset(of: ["اقتيد", "اقتيدوا", "اقتياد"]))
        #expect(Set(ArabicInflection.forms(ofPhrase: "اغتيال")).isSuperset(of: ["اغتيالات", "اغتيالين"]))
        // Form X's passive is made; its noun (استعادة) is no pattern's.
        let retake = Set(ArabicInflection.forms(ofPhrase: "استعاد"))
        #expect(retake.contains("استعيدت") && !retake.contains("استعياد"))
    }

    @Test(arguments: [
        // Gunmen fired on a man and killed him.
        ("أطلق مسلحون مجهولون النار على موظف مصرف في غريان أمس ما أدى إلى مقتله", [attack]),
        ("وأطلقوا النار عليه أمام منزله في غريان أمس", [attack]),
        // A killing told with its bullets, words apart.
        ("قتل مسلحون بالرصاص تاجرا في غريان أمس", [attack]),
        ("قتل شاب برصاصة في الرأس في غريان أمس", [attack]),
        ("لقي سائق أجرة حتفه أمس برصاص في غريان", [attack]),
        // A body found, its finders between.
        ("عثرت الأجهزة الأمنية أمس على جثة شاب مقيد اليدين في غريان", [attack]),
        ("A farmer was shot to death in Gharyan yesterday.", [attack]),
        ("Residents found a bullet-riddled body in Gharyan yesterday.", [attack]),
        // A town retaken, in the passive of a hollow verb of form X.
        ("استعيدت غريان أمس من المسلحين", ["2217362 Battles/Government regains territory 2019-04-08"]),
        // Taken to a place nobody names; held without a charge.
        ("اختطف ناشط حقوقي في غريان أمس واقتيد نحو مكان مجهول", [abduction]),
        ("اقتيد الصحفي إلى جهة غير معلومة من أمام منزله في غريان أمس", [abduction]),
        ("نددت منظمة حقوقية أمس باعتقال تعسفي لمدون في غريان", [abduction]),
        // English: the killers and the kidnappers after "by".
        ("A teacher was killed by unknown gunmen in Gharyan yesterday.", [attack]),
        ("Two engineers were taken by armed men in Gharyan yesterday.", [abduction]),
        ("An activist was snatched in Gharyan yesterday.", [abduction]),
    ])
    func readsTheAttackOnAPerson(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A stray bullet was aimed at no one.
        ("قتل طفل برصاصة طائشة في غريان أمس", []),
        // Attacked by gunmen: the clash of the attack word, no attack on a person by itself.
        ("A checkpoint was attacked by gunmen in Gharyan yesterday.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Fire on them, the attackers, beside their attack: a clash.
        ("أطلقت القوات النار عليهم بعد أن هاجموا البوابة في غريان أمس", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Migrants drowned were attacked by no one.
        ("عثر خفر السواحل أمس على جثث مهاجرين غرقى في طرابلس", []),
        // The dead of a clash are its toll, not an attack of their own.
        ("قتل ثلاثة بالرصاص خلال اشتباكات في غريان أمس", ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func theTollOfAFightOrAStrayBulletIsNoAttack(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
