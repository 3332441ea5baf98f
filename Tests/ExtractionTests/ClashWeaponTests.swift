import Testing
@testable import Extraction

/// Shelling told as what a clash was fought with is that clash (`ClashWeapons.swift`).
/// Sentences written for the test.
@Suite struct ClashWeaponTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        ("Clashes raged in Gharyan on Monday, with tanks and heavy artillery being used.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Shelling told as an act of its own stays an event of its own.
        ("Clashes raged in Gharyan on Monday. Artillery shelled Zliten on Monday.",
         ["2217362 Battles/Armed clash 2019-04-08", "2208485 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
    ])
    func shellingAsTheClashsWeaponIsTheClash(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    /// Fire exchanged is an armed clash whatever was fired, and shells joined to the exchange are
    /// its weapons (`TriggerTyping.swift`, the list `exchange-word`; `isBlastOfAFirefight`).
    @Test(arguments: [
        "Rival brigades exchanged artillery fire in Gharyan yesterday.",
        "Rival militias traded fire in Gharyan yesterday.",
        "دار قصف مدفعي متبادل بين الطرفين في غريان أمس",
        "اندلع أمس تبادل إطلاق القذائف بين الكتيبتين في غريان",
        "اندلع أمس تبادل لإطلاق النار والقذائف بين الكتيبتين في غريان",
        "وتبادلا إطلاق النار في غريان أمس",
        // Rocket-propelled grenades are fired at close range: no rocket attack.
        "Gunmen fired rocket-propelled grenades at a checkpoint in Gharyan yesterday.",
    ])
    func anExchangeOfFireIsAClash(text: String) {
        #expect(summary(text) == ["2217362 Battles/Armed clash 2019-04-08"], "\(text)")
    }

    /// Bombs told first and the fighting after them, و joined to the fighting, are two acts.
    @Test func bombsAndTheFightingAfterThemAreTwoActs() {
        #expect(Set(summary("قتل جنود أمس في تفجيرين ومعارك في غريان"))
                == ["2217362 Battles/Armed clash 2019-04-08", "2217362 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"])
    }
}
