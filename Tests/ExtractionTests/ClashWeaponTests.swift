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

    @Test(arguments: [
        // Fire the two sides exchange is a clash, in either language.
        ("Rival brigades exchanged artillery and small arms fire in Gharyan on Monday.", ["2217362 Battles/Armed clash 2019-04-08"]),
        ("تبادلت القوات يوم الاثنين القصف المدفعي في غريان.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Told in the passive, the word of exchange after the weapons; grenades as well as shells.
        ("In Gharyan on Monday mortar shells and hand grenades were exchanged by the two sides.",
         ["2217362 Battles/Armed clash 2019-04-08"]),
        ("سمعت في غريان يوم الاثنين أصوات قنابل يدوية وقذائف هاون تم تبادلها بين الطرفين.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Shelling with no exchange stays a shelling; so does one the next sentence's exchange follows.
        ("Rival brigades fired artillery at Gharyan on Monday.",
         ["2217362 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        ("A militia threw grenades at a checkpoint in Gharyan on Monday. Prisoners were exchanged on Tuesday.",
         ["2217362 Explosions/Remote violence/Grenade 2019-04-08"]),
    ])
    func shellingTheSidesExchangeIsAClash(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
