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
}
