import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// Lexicon and gazetteer entries added after scoring a held-out set of real articles (kept
/// outside the repository): each sentence here is written for the test and pins one family of
/// words, not the article that showed it was missing.
@Suite struct HeldOutVocabularyTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // أمس الأول is أول أمس in the other order: the day before yesterday.
        ("خطف مسلحون موظفا في غريان أمس الأول", ["2217362 Violence against civilians/Abduction/forced disappearance 2019-04-07"]),
        // "Overnight" in a report is the night before it, like "last night".
        ("Clashes erupted overnight in Gharyan", ["2217362 Battles/Armed clash 2019-04-08"]),
        // أرداه قتيلا (shot him dead) and its persons are a killing.
        ("أطلق مسلحون النار على معلم في غريان أمس فأردوه قتيلا", ["2217362 Violence against civilians/Attack 2019-04-08"]),
        // The subjunctive plural of تظاهر, after its clitic.
        ("خرج المئات في غريان أمس ليتظاهروا ضد الحكومة", ["2217362 Protests/Peaceful protest 2019-04-08"]),
        // The -or spelling of protesters, and its violent verbs.
        ("Protestors stormed a party office in Gharyan yesterday", ["2217362 Riots/Violent demonstration 2019-04-08"]),
        // What happens often, or has gone on for years, is no event of a day.
        ("وكثيرا ما تشن طائرات مجهولة غارات على غريان", []),
        ("Rival groups fought for control of Gharyan for years", []),
        ("Fighting has raged in Gharyan for the past two years", []),
        ("Aircraft often bomb Gharyan", []),
        ("Tribes in Gharyan have also been involved in deadly clashes", []),
        // A purpose (to seize control) and a verb "to sit in" report nothing.
        ("وقال القائد إن العملية تستهدف السيطرة على غريان", []),
        ("The group has sought to sit in Gharyan for months", []),
        // A bomb found is a disrupted weapon, not an explosion; aircraft that struck nothing struck nothing.
        ("Police said a bomb was found and defused outside a school in Gharyan yesterday",
         ["2217362 Strategic developments/Disrupted weapons use 2019-04-08"]),
        ("Warplanes flew over Gharyan yesterday without launching strikes", []),
        // A spelling of a Derna quarter.
        ("An air strike hit the Jabilah area of Derna yesterday", ["ly-derna-jubaila Explosions/Remote violence/Air/drone strike 2019-04-08"]),
    ])
    func readsTheWordFamily(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
