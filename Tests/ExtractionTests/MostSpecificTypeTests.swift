import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// One act told with two types is one event of the most specific type; two acts of two types
/// at one place and day stay two (sentences written for these tests, read as `ExtractorTests`
/// reads them: published 2019-04-09, a Tuesday).
@Suite struct MostSpecificTypeTests {
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // A bombing also called an attack: one bombing.
        ("A suicide bomber drove a car packed with explosives into a checkpoint in Zliten on Monday, an attack that killed four soldiers.",
         ["2208485 Explosions/Remote violence/Suicide bomb 2019-04-08"]),
        ("شن انتحاري هجوما بسيارة مفخخة على بوابة في زليتن يوم الاثنين أسفر عن مقتل أربعة جنود.",
         ["2208485 Explosions/Remote violence/Suicide bomb 2019-04-08"]),
        // An air strike told as an attack, and rockets told as "the attack" with the article.
        ("The field hospital in Gharyan was attacked by an air strike on Monday, the ministry said.",
         ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        ("وقع الهجوم على المستشفى في غريان يوم الاثنين حين سقطت عليه صواريخ غراد.",
         ["2217362 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
    ])
    func anAttackToldByItsMeansIsThatAct(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Fighting, then air strikes on the same town that day: two acts, two events.
        ("Clashes broke out in Gharyan on Monday, and warplanes struck the town in the evening.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        ("اندلعت اشتباكات في غريان يوم الاثنين، ثم شنت طائرات حربية غارات على المدينة.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // An assault told apart from the bomb that opened it: ACLED codes both.
        ("Militants attacked the oil port of Zliten on Monday. They blew up a storage tank with a bomb in Zliten.",
         ["2208485 Battles/Armed clash 2019-04-08", "2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // An attack in another town is another event.
        ("A bomb exploded in Zliten on Monday. Gunmen attacked a police post in Gharyan the same day.",
         ["2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08", "2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func twoActsOfTwoTypesStayTwo(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The fire a strike started is part of the strike.
        ("قصفت طائرات حربية ناقلة نفط في سرت يوم الاثنين، مما أدى إلى إضرام النار فيها.",
         ["2210554 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // A crowd whose sentence tells a building torched rioted.
        ("Hundreds of demonstrators gathered in Zliten on Monday, and the municipal building was torched.",
         ["2208485 Riots/Violent demonstration 2019-04-08"]),
        // Shrines wrecked with bombs were destroyed: the bombs were the means, and the library's
        // fire is the destruction, not part of a bombing.
        ("Extremists wrecked shrines with bombs in Zliten on Monday and set fire to a library.",
         ["2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08",
          "2208485 Strategic developments/Looting/property destruction 2019-04-08"]),
        // A house burned in one town and a protest in another: two events, and no riot.
        ("Gunmen set fire to a house in Zliten on Monday, and residents protested in Gharyan.",
         ["2208485 Strategic developments/Looting/property destruction 2019-04-08", "2217362 Protests/Peaceful protest 2019-04-08"]),
    ])
    func whatAnActBurnedIsPartOfIt(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
