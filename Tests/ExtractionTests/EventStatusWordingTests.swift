import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// What the words around a trigger say of its status: an attack that may come, a campaign
/// running for months, last week's fighting, a toll told again, a protest's motive (sentences
/// written for these tests, published 2019-04-09, a Tuesday).
@Suite struct EventStatusWordingTests {
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        ("Forces shored up defences in Zliten on Monday to guard against any new attack.", [String]()),
        ("The army has been fighting militants in Benghazi.", []),
        ("The army was fighting militants in Benghazi on Monday.", ["88319 Battles/Armed clash 2019-04-08"]),
        ("Heavy fighting last week failed to break the defences of Gharyan.", []),
        ("اندلعت اشتباكات عنيفة في غريان الأسبوع الماضي.", []),
        // A season is such a time too.
        ("Order returned to Gharyan after deadly clashes last summer.", []),
        ("اندلعت اشتباكات عنيفة في غريان الصيف الماضي.", []),
        // A day stated in the sentence dates the event, whatever else was last week.
        ("Despite a warning last week, clashes erupted in Gharyan on Monday.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // An event awaited, in either language, and the prospect of one.
        ("Police closed the square in Misrata on Monday ahead of a planned protest.", []),
        ("نشرت الشرطة قوات في مصراتة يوم الاثنين قبيل مظاهرات متوقعة.", []),
        ("The vote raised the prospect of air strikes on Sirte.", []),
        // A taking the news follows is history, whatever day the sentence gives the news.
        ("Militants attacked a checkpoint in Ras Lanuf on Monday after their capture of Sirte.",
         ["osm-node-1170541982 Battles/Armed clash 2019-04-08"]),
        ("هاجم مسلحون بوابة في راس لانوف يوم الاثنين بعد سيطرتهم على مدينة سرت.",
         ["osm-node-1170541982 Battles/Armed clash 2019-04-08"]),
        ("Forces captured Sirte on Monday.", ["2210554 Battles/Non-state actor overtakes territory 2019-04-08"]),
        // "Recently" dates its event before the news, whatever day the sentence states.
        ("Warplanes struck an airbase in Zliten on Monday that was recently recaptured by government forces.",
         ["2208485 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // The protest itself, held, is news.
        ("Hundreds held a protest in Misrata on Monday.", ["2214846 Protests/Peaceful protest 2019-04-08"]),
    ])
    func possibleRunningAndEarlierEventsAreNotNews(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The toll of clashes told before adds to them; alone, it is no event.
        ("اندلعت اشتباكات في سبها أمس. وقال المستشفى إن حصيلة الاشتباكات في سبها بلغت خمسة قتلى.",
         ["2212775 Battles/Armed clash 2019-04-08"]),
        ("وقال المستشفى إن حصيلة الاشتباكات في سبها بلغت خمسة قتلى.", []),
        // The killings a protest denounces are its motive, not an event of the day.
        ("تظاهر العشرات في طبرق أمس استنكارا للاغتيالات التي تشهدها المدن.", ["81302 Protests/Peaceful protest 2019-04-08"]),
    ])
    func aTollOrAMotiveIsNoNewEvent(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test func aTollToldAgainAddsToTheEvent() throws {
        let incidents = ExtractorTests().extract("اندلعت اشتباكات في سبها أمس. وقال المستشفى إن حصيلة الاشتباكات في سبها بلغت خمسة قتلى.")
        let clashes = try #require(incidents.first)
        #expect(clashes.fatalities == 5)
        #expect(clashes.evidence.count == 2)
    }
}
