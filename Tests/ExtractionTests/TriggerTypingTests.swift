import Testing
import TextMatching
@testable import Extraction

/// Event types by the codebook rather than by the verb (`TriggerTyping.swift`, the lexicon's
/// `attack-word`, `civilian-target`, `crowd-violence`, `home`, `angry-crowd` and `clash-weapon` words and its
/// none-phrases). Sentences written for the test.
@Suite struct TriggerTypingTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    static let gharyan = "2217362"

    @Test(arguments: [
        // An attack told with the verb "attack", whose means were aircraft, is an air strike.
        ("Warplanes attacked a depot in Gharyan yesterday.", ["\(gharyan) Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        ("هاجم الطيران الحربي مخزنا في غريان أمس", ["\(gharyan) Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // … or the next sentence, which tells nothing of its own, names them.
        ("Rebels attacked a depot in Gharyan yesterday. Its air force targeted the depot at dawn.",
         ["\(gharyan) Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Without aircraft, an attack stays a clash.
        ("Gunmen attacked a checkpoint in Gharyan yesterday.", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        // Aircraft that backed other advances, further off in the sentence, leave a ground attack a clash.
        ("هاجمت القوات مدينة غريان أمس بعد تقدمها في مدن أخرى مصحوبة بالطيران", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        // Activists attacked are civilians attacked, and the protest they were preparing is still to come.
        ("Gunmen attacked activists in Gharyan yesterday while they met to organize protests.",
         ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        ("هاجم مسلحون ناشطين في غريان أمس", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        // A crowd that storms, with words between it and the verb, riots.
        ("كان متظاهرون قد اقتحموا أمس مقر المجلس البلدي في غريان", ["\(gharyan) Riots/Violent demonstration 2019-04-08"]),
        ("Angry protesters yesterday also ransacked the council offices in Gharyan.", ["\(gharyan) Riots/Violent demonstration 2019-04-08"]),
        ("Protesters marched peacefully in Gharyan yesterday.", ["\(gharyan) Protests/Peaceful protest 2019-04-08"]),
        // An angry crowd that storms riots, whatever it is called; a force that storms a town fights.
        ("Hundreds of angry residents yesterday stormed the council offices in Gharyan.", ["\(gharyan) Riots/Mob violence 2019-04-08"]),
        ("Government troops stormed Gharyan yesterday.", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        // Fire opened on a post is a clash; on civilians, an attack on them.
        ("Gunmen opened fire on a checkpoint in Gharyan yesterday.", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        ("Gunmen opened fire on civilians in Gharyan yesterday.", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        ("Gunmen fired at a police patrol in Gharyan yesterday.", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        ("Gunmen shot at a lawyer in Gharyan yesterday.", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        ("أطلق مسلحون النار على دورية أمنية في غريان أمس", ["\(gharyan) Battles/Armed clash 2019-04-08"]),
        ("Gunmen fired at hundreds of demonstrators in Gharyan yesterday.", ["\(gharyan) Protests/Excessive force against protesters 2019-04-08"]),
        // Shot by protesters: the crowd fired, it was not fired at.
        ("A guard was shot at by protesters in Gharyan yesterday.",
         ["\(gharyan) Violence against civilians/Attack 2019-04-08", "\(gharyan) Protests/Peaceful protest 2019-04-08"]),
        ("أطلق مسلحون النار على سيارة محام في غريان أمس", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        // People who demonstrated somewhere protested; a strike that "demonstrated" a reach did not.
        ("Hundreds of people demonstrated in Gharyan yesterday.", ["\(gharyan) Protests/Peaceful protest 2019-04-08"]),
        // Fighters captured are no ground taken; a town captured is.
        ("Rebels captured three fighters near Gharyan yesterday.", [String]()),
        ("Rebels captured several foreign fighters near Gharyan yesterday.", [String]()),
        // People held are no arrest of that day.
        ("Some 2,000 people are being detained in Gharyan's prison.", [String]()),
        // Workers seized are abducted.
        ("Gunmen seized four foreign workers in Gharyan yesterday.", ["\(gharyan) Violence against civilians/Abduction/forced disappearance 2019-04-08"]),
        ("Rebels captured Gharyan yesterday.", ["\(gharyan) Battles/Non-state actor overtakes territory 2019-04-08"]),
        // Gunmen who storm a home attack the people in it.
        ("Gunmen stormed the house of a teacher in Gharyan yesterday.", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        ("اقتحم مسلحون أمس منزل قاض في غريان", ["\(gharyan) Violence against civilians/Attack 2019-04-08"]),
        // A prison break is mob violence.
        ("Dozens of inmates in Gharyan yesterday staged a mass breakout.", ["\(gharyan) Riots/Mob violence 2019-04-08"]),
        ("A prison break took place in Gharyan yesterday.", ["\(gharyan) Riots/Mob violence 2019-04-08"]),
        ("شهد سجن غريان أمس هروب سجناء بعد مواجهة مع الحراس", ["\(gharyan) Riots/Mob violence 2019-04-08"]),
    ])
    func typesTheEventByItsMeansAndTarget(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    /// A destruction whose subject is a crowd at a protest, a few words back, is a riot.
    @Test(arguments: [
        "Demonstrators angry at the council's silence over the floods yesterday torched the mayor's office in Gharyan.",
        "Protesters furious at months of power cuts set fire to the electricity company's building in Gharyan yesterday.",
    ])
    func aCrowdsDestructionIsARiot(text: String) {
        let events = summary(text)
        #expect(events.contains("\(Self.gharyan) Riots/Violent demonstration 2019-04-08"), "\(events)")
        #expect(!events.contains { $0.contains("Looting/property destruction") }, "\(events)")
    }

    @Test func aDestructionWithNoCrowdBeforeItStaysPropertyDestruction() {
        #expect(summary("Gunmen torched the council offices in Gharyan yesterday.")
                == ["\(Self.gharyan) Strategic developments/Looting/property destruction 2019-04-08"])
    }

    @Test(arguments: [
        // Who holds a place is a state, not its taking.
        "قصفت طائرات أمس مطارا في غريان الخاضع لسيطرة الكتيبة",
        "ودبت خلافات بين الفصيلين على السيطرة على مواقع في غريان",
        // A force separating two sides ends a clash.
        "تدخلت قوة عسكرية صباح أمس لفك الاشتباك بين الفصيلين في غريان",
        // A call to stop the fighting.
        "دعت البعثة أمس إلى وقف المعارك في غريان",
        // Troop positions among a strike's targets are no base set up.
        "وتتبع مناطق تمركز الكتيبة في غريان وزارة الدفاع",
    ])
    func aStateOrAnEndIsNoNewEvent(text: String) {
        #expect(!summary(text).contains { $0.contains("Battles") || $0.contains("Strategic") }, "\(text)")
    }

    @Test func theLexiconListsTheClashWeaponWords() throws {
        let lexicon = try Lexicon.bundled()
        let tokens = Tokenizer.tokens(in: "using باستخدام fighting")
        #expect(lexicon.words.contains(tokens[0], in: .clashWeapon))
        #expect(lexicon.words.contains(tokens[1], in: .clashWeapon))
        #expect(!lexicon.words.contains(tokens[2], in: .clashWeapon))
    }

    /// Each list is read: with too few bits in a list set, the bits of the last lists were 0.
    @Test func everyListHasABitOfItsOwn() {
        let bits = WordList.allCases.map(\.bit)
        #expect(Set(bits).count == WordList.allCases.count)
        #expect(!bits.contains(0))
    }
}
