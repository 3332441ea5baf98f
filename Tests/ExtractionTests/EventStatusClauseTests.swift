import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// What a trigger's clause says of its status: an aim, an awaited attack, a quiet front, a
/// charge sheet, the country's war, a total over weeks (sentences written for these tests,
/// published 2019-04-09, a Tuesday). Each sentence without its rule gave an incident.
@Suite struct EventStatusClauseTests {
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // The aim of an operation is not a takeover that happened.
        "وصلت تعزيزات إلى غريان أمس لاستعادة السيطرة على المدينة.",
        // An attack awaited, feared or to be prevented.
        "Residents of Gharyan braced for an assault on Monday.",
        "Elders met in Gharyan on Monday in an attempt to avert clashes between the two tribes.",
        "وتتمركز القوات قرب غريان بانتظار الأوامر لبدء الهجوم على المدينة.",
    ])
    func anAimOrAnAwaitedAttackIsNoEvent(text: String) {
        #expect(summary(text) == [], "\(text)")
    }

    @Test(arguments: [
        "No clashes were reported in Gharyan on Monday, and there were no further reports of shelling in Tarhuna.",
        "Fighting was relatively subdued in Gharyan on Monday.",
        "لم ترد أنباء عن اشتباكات في غريان أمس.",
        "عاد الهدوء إلى غريان أمس دون وقوع اشتباكات.",
        // Forces taking up positions is a movement, not a base set up: ACLED codes neither.
        "تمركزت قوات تابعة للحكومة أمس في غريان وترهونة.",
    ])
    func aQuietDayIsNoEvent(text: String) {
        #expect(summary(text) == [], "\(text)")
    }

    @Test(arguments: [
        // A charge sheet and a biography.
        "The militia leader, who lives in Gharyan, is accused of kidnapping and extortion.",
        "Police questioned a man suspected of planting a bomb in Gharyan.",
        "واتهمت الحكومة جماعة مسلحة بالضلوع في القصف الذي يستهدف مواقع في غريان.",
        "وكان الشاب الذي قتل في غريان أمس قد اشتهر بمشاركته في المظاهرات.",
        // What a city often sees, and the country's war.
        "Benghazi is regularly the scene of fighting between rival groups.",
        "وتشهد غريان بين الحين والآخر اشتباكات بين المجموعات المسلحة.",
        "وبسبب القتال الذي تشهده البلاد أغلقت السفارة أبوابها في طرابلس أمس.",
        // A note of background with no day of its own.
        "يذكر أن غريان شهدت اشتباكات عنيفة بين الجيش والميليشيات.",
    ])
    func backgroundToldToExplainIsNoEvent(text: String) {
        #expect(summary(text) == [], "\(text)")
    }

    @Test(arguments: [
        "وقالت الوزارة أمس إن 40 شخصا قتلوا في القتال الذي دام نحو أسبوعين في غريان.",
        "Dozens were killed in Gharyan in recent days amid heavy shelling.",
    ])
    func aTotalOverWeeksIsNoEvent(text: String) {
        #expect(summary(text) == [], "\(text)")
    }

    @Test(arguments: [
        // A note of background that gives its own day is news.
        ("يذكر أن غريان شهدت اشتباكات عنيفة أمس.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // A takeover told without the purpose ل.
        ("سيطرت القوات على غريان أمس.", ["2217362 Battles/Non-state actor overtakes territory 2019-04-08"]),
        // Clashes that went on, not over weeks.
        ("Clashes in Gharyan on Monday lasted two days.", ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func eventsBesideTheseWordsStayEvents(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test func theReviewListShowsWhyAnEventWasLeftOut() throws {
        let article = Article(text: "Residents of Gharyan braced for an assault on Monday.",
                              published: try IncidentDate(parsing: "2019-04-09"), source: "test")
        let incidents = ExtractorTests.extractor.extract(article, includingNotHappened: true)
        #expect(incidents.map(\.status) == [.planned])
    }

    @Test(arguments: [
        // A photograph's caption from the archive, in brackets after what it shows.
        "دمار في حي الهضبة جراء الاشتباكات في طرابلس (أرشيفية)",
        "File photo: fighters clash with rival militias in Gharyan on Monday.",
        // Told as what happened before the report.
        "The group has previously carried out bombings in Gharyan.",
    ])
    func aCaptionFromTheArchiveOrAnEarlierActIsNoEvent(text: String) {
        #expect(summary(text) == [], "\(text)")
    }
}
