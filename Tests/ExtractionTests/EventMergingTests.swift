import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// One event per type, day and place, as ACLED codes it, however many triggers tell its parts
/// (sentences written for these tests, read as `ExtractorTests` reads them: published
/// 2019-04-09, a Tuesday).
@Suite struct EventMergingTests {
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // Fighters captured in the sentence of a taking were captured in that battle.
        ("دخلت قوات الثوار مدينة زليتن يوم الاثنين وسيطرت عليها وأسرت عددا من المقاتلين.",
         ["2208485 Battles/Non-state actor overtakes territory 2019-04-08"]),
        ("Government forces retook Zliten on Monday and arrested twenty of its defenders.",
         ["2208485 Battles/Government regains territory 2019-04-08"]),
        // The losers' withdrawal told after the taking, at its place that day, is how it ended.
        ("سيطرت القوات على مدينة زليتن يوم الاثنين. وانسحبت المجموعات المسلحة من زليتن باتجاه الغرب.",
         ["2208485 Battles/Non-state actor overtakes territory 2019-04-08"]),
        // A withdrawal with no battle is a transfer of its own.
        ("انسحبت الكتائب من مدينة زليتن يوم الاثنين.", ["2208485 Strategic developments/Non-violent transfer of territory 2019-04-08"]),
    ])
    func capturesAndWithdrawalsAreTheBattle(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    /// A protest told as peaceful and, in another sentence, as met with fire is one protest met
    /// with force, whichever sentence comes first.
    @Test(arguments: [
        ("Hundreds of protesters gathered in Zliten on Monday to demand elections. Security forces fired on the protesters in Zliten on Monday, killing two.",
         ["2208485 Protests/Excessive force against protesters 2019-04-08"]),
        ("Security forces fired on protesters in Zliten on Monday, killing two. Hundreds of protesters had gathered in Zliten on Monday to demand elections.",
         ["2208485 Protests/Excessive force against protesters 2019-04-08"]),
    ])
    func aProtestMetWithForceAnywhereWasMetWithForce(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A killing by a bomb told as an assassination and as a blast: one bombing.
        ("Gunmen assassinated a judge in Benghazi on Monday. The judge was killed when a bomb planted in his car exploded in Benghazi.",
         ["88319 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        ("اغتال مجهولون قاضيا في بنغازي يوم الاثنين. وقتل القاضي في انفجار عبوة ناسفة زرعت في سيارته في بنغازي.",
         ["88319 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // A shooting and a blast at two places are two events.
        ("Gunmen shot dead a judge in Benghazi on Monday, and a bomb exploded in Zliten.",
         ["88319 Violence against civilians/Attack 2019-04-08", "2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
    ])
    func aCarBombAssassinationIsOneBombing(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A fight on the stretch between two towns is one event, not one at each end.
        ("Fighting broke out on Monday on the road between Gharyan and Zliten.", ["2217362 Battles/Armed clash 2019-04-08"]),
        ("اندلعت اشتباكات يوم الاثنين عند مفترق الطرق بين غريان وزليتن.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Two towns listed are two places.
        ("Clashes erupted in Gharyan and Zliten on Monday.",
         ["2217362 Battles/Armed clash 2019-04-08", "2208485 Battles/Armed clash 2019-04-08"]),
    ])
    func aFightBetweenTwoTownsIsOneEvent(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // One city's crowd told quarter by quarter on one day: one protest, at the first quarter.
        ("Residents protested on Monday in Ghut al-Shaal and in Hay al-Islami over power cuts.",
         ["ly-ghut-al-shaal Protests/Peaceful protest 2019-04-08"]),
        ("تظاهر سكان يوم الاثنين في غوط الشعال وفي الحي الإسلامي بسبب انقطاع الكهرباء.",
         ["ly-ghut-al-shaal Protests/Peaceful protest 2019-04-08"]),
        // Crowds in two cities are two protests.
        ("Residents protested on Monday in Ghut al-Shaal in Tripoli and in Al-Sabri in Benghazi.",
         ["ly-ghut-al-shaal Protests/Peaceful protest 2019-04-08", "ly-sabri Protests/Peaceful protest 2019-04-08"]),
    ])
    func oneCitysCrowdIsOneProtest(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A terminal 7 km from a town is a place of its own, not a part of the town.
        ("Gunmen fired rockets on Monday at Ras Lanuf and at the Es Sider oil terminal.",
         ["osm-node-1170541982 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08",
          "ly-es-sider-terminal Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        // "The Tripoli district of Janzour": the district names where Janzour is.
        ("Militias clashed on Monday near the coast road in the western Tripoli district of Janzour.",
         ["2216349 Battles/Armed clash 2019-04-08"]),
        // A town of the district far from its seat is in it by its admin1: Kikla lies 30 km
        // from Gharyan, where the district's point is.
        ("شهدت معارك الجبل الغربي يوم الاثنين اشتباكات عنيفة في ككلة.", ["2215758 Battles/Armed clash 2019-04-08"]),
    ])
    func aDistrictAndAPlaceInItAreOnePlace(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // "ويأتي قصف …": a verb of coming before the event tells what an event told before
        // comes amid or after; it is not a new one at every place it names.
        ("قصفت طائرات مسيرة مطار معيتيقة يوم الاثنين. ويأتي قصف مطار معيتيقة ومدينة غريان بعد أسابيع من الهدوء.",
         ["ly-mitiga Explosions/Remote violence/Air/drone strike 2019-04-08"]),
    ])
    func anEventThatComesAmidIsOneToldBefore(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A headline's event on no stated day is the body's event of its type, wherever the
        // headline puts it.
        ("مقتل عشرة أشخاص في اشتباكات بطرابلس\nقتل عشرة أشخاص في اشتباكات. وقال مصدر إن الاشتباكات اندلعت أمس في ككلة.",
         ["2215758 Battles/Armed clash 2019-04-08"]),
        // A headline event of another type stays; so does one the body dates itself.
        ("غارة جوية على طرابلس\nقتل عشرة أشخاص في اشتباكات. وقال مصدر إن الاشتباكات اندلعت أمس في ككلة.",
         ["2210247 Explosions/Remote violence/Air/drone strike 2019-04-09", "2215758 Battles/Armed clash 2019-04-08"]),
    ])
    func aHeadlinesUndatedEventIsTheBodys(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
