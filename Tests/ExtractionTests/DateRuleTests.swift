import Foundation
import IncidentMapCore
import Testing
@testable import Extraction

/// Which time expression dates an incident (issue 12, "Time"): rules found wrong on real news
/// nobody here wrote, each pinned by sentences written for the test.
@Suite struct DateRuleTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // A clause's own time expression dates what the clause tells, not the sentence's first one.
        ("Gunmen attacked a checkpoint in Gharyan on Friday, and shells fell on Tarhuna on Sunday",
         ["2217362 Battles/Armed clash 2019-04-05", "2210221 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-07"]),
        ("هاجم مسلحون بوابة في غريان يوم الجمعة، وسقطت قذائف على ترهونة يوم الأحد",
         ["2217362 Battles/Armed clash 2019-04-05", "2210221 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-07"]),
        // A date before a comma at the head of the sentence governs the whole of it, over a date
        // in a later clause that tells no event.
        ("On Sunday, clashes erupted in Gharyan, the worst since 4 March", ["2217362 Battles/Armed clash 2019-04-07"]),
        ("يوم الأحد، اندلعت اشتباكات في غريان، هي الأعنف منذ 4 مارس", ["2217362 Battles/Armed clash 2019-04-07"]),
        // …and "the day before" in the event's clause still counts back from it.
        ("On Monday, officials said clashes erupted in Gharyan the day before", ["2217362 Battles/Armed clash 2019-04-07"]),
    ])
    func aClauseIsDatedByItsOwnTimeExpression(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Two days joined by "and": the text reports each day, an incident each (ACLED codes one per day).
        ("Aircraft bombed Gharyan on Wednesday and Thursday", ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-03",
                                                             "2217362 Explosions/Remote violence/Air/drone strike 2019-04-04"]),
        ("قصفت طائرات حربية غريان يومي الأربعاء والخميس", ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-03",
                                                          "2217362 Explosions/Remote violence/Air/drone strike 2019-04-04"]),
        // A night across two days, or a range, is dated by the first day (ACLED codes the start).
        ("Clashes erupted in Gharyan on the night between Wednesday and Thursday", ["2217362 Battles/Armed clash 2019-04-03"]),
        ("Clashes erupted in Gharyan overnight Thursday to Friday", ["2217362 Battles/Armed clash 2019-04-04"]),
        ("Clashes raged in Gharyan from Wednesday until Friday", ["2217362 Battles/Armed clash 2019-04-03"]),
        ("اندلعت اشتباكات في غريان ليلة الخميس على الجمعة", ["2217362 Battles/Armed clash 2019-04-04"]),
        ("اندلعت اشتباكات في غريان ليلة الأربعاء والخميس", ["2217362 Battles/Armed clash 2019-04-03"]),
    ])
    func twoDaysAreAnIncidentEachAndANightIsItsFirstDay(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A possessive dates the noun after it.
        ("Protesters joined last night's demonstrations in Gharyan", ["2217362 Protests/Peaceful protest 2019-04-08"]),
        ("Saturday's fighting in Gharyan killed five", ["2217362 Battles/Armed clash 2019-04-06"]),
        // Months abbreviated, in the text and in a dateline ("today" is the day it was filed).
        ("Clashes erupted in Gharyan on Apr 6", ["2217362 Battles/Armed clash 2019-04-06"]),
        ("GHARYAN, Apr 7 (Agency) - Clashes erupted in Gharyan today.", ["2217362 Battles/Armed clash 2019-04-07"]),
        // A dateline that is only a town and a dash takes none of the sentence's days.
        ("TRIPOLI - Clashes erupted in Gharyan on Saturday.", ["2217362 Battles/Armed clash 2019-04-06"]),
        ("طرابلس - اندلعت اشتباكات في غريان يوم السبت.", ["2217362 Battles/Armed clash 2019-04-06"]),
        // A bracketed head that opens a later paragraph dates the report, not the day the body gives.
        ("Gunmen opened fire on a car in Gharyan.  [Libya, 9 April 2019] – Gunmen killed a man and his wife on Sunday morning in Gharyan.",
         ["2217362 Violence against civilians/Attack 2019-04-07"]),
        ("Gunmen opened fire on a car in Gharyan.  [Libya, 9 April 2019] – Gunmen killed a man and his wife in Gharyan.",
         ["2217362 Violence against civilians/Attack 2019-04-09"]),
    ])
    func possessiveDaysAndAbbreviatedMonthsAreDates(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A span that ends at the report dates its events by its latest whole day.
        ("Clashes broke out in Gharyan during the past two days, residents said", ["2217362 Battles/Armed clash 2019-04-08"]),
        ("اندلعت اشتباكات في غريان خلال اليومين الماضيين", ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func aSpanEndingAtTheReportIsItsLastDay(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A period fronted before a comma covers the whole sentence: no event of one day.
        ("For the past two years, fighting has raged in Gharyan", [String]()),
        ("Over the last three weeks, aircraft have bombed Gharyan", []),
        // …not a sentence that only ends with one.
        ("Clashes erupted in Gharyan yesterday, the first in the past two years", ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func aFrontedPeriodCoversTheSentence(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A sentence with no date of its own takes the last event's, not the day of a speech.
        ("Clashes erupted in Gharyan on Sunday. Yesterday the minister went on television to warn the militias. Shells fell on Tarhuna.",
         ["2217362 Battles/Armed clash 2019-04-07", "2210221 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-07"]),
        ("اندلعت اشتباكات في غريان يوم الأحد. وظهر الوزير أمس على التلفزيون. وسقطت قذائف على ترهونة.",
         ["2217362 Battles/Armed clash 2019-04-07", "2210221 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-07"]),
    ])
    func aDateCarriedOverIsTheLastEventsDate(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The day a report was released dates the report, not the fighting it totals.
        ("In January, forces attacked Gharyan. Fighting in Gharyan has killed 40 people, according to a report released on Monday.",
         [String]()),
        ("Fighting in Gharyan killed four people on Sunday, according to a report released on Monday.",
         ["2217362 Battles/Armed clash 2019-04-07"]),
        // A day a few words after the reporting verb is the claim's where the event has its own.
        ("أعلن التنظيم فجر اليوم الثلاثاء تبنيه للتفجير الذي وقع في غريان مساء الأمس الاثنين.",
         ["2217362 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // Also after a group's name and its short name in brackets.
        ("أعلن تنظيم «أنصار الجبل» (أنصار) اليوم (الثلاثاء) مسؤوليته عن تفجير أمس في غريان.",
         ["2217362 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // A day before the reporting verb and its subject dates the claim.
        ("Today the brigade claimed that last night, its aircraft bombed a camp in Gharyan.",
         ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Not a day after the reporting verb's "that": it begins the clause it reports.
        ("قال مسؤول إن اشتباكات اندلعت أمس في غريان وتجددت اليوم.",
         ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func aReleaseDayDatesTheReport(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Days counted back from the report.
        ("اندلعت اشتباكات في غريان قبل يومين.", ["2217362 Battles/Armed clash 2019-04-07"]),
        ("Clashes erupted in Gharyan two days ago.", ["2217362 Battles/Armed clash 2019-04-07"]),
        // "For the second day running" names no day: the sentence continues yesterday's protest.
        ("تظاهر سكان في زليتن أمس الاثنين. وأغلق المتظاهرون الطرق في زليتن لليوم الثاني على التوالي.",
         ["2208485 Protests/Peaceful protest 2019-04-08"]),
    ])
    func daysCountedBackAndDaysOfARun(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A sentence that gives its event no day but says when it was reported: the report's day
        // bounds the event better than the publication date.
        ("Gunmen attacked a checkpoint in Gharyan, officials said Sunday.", ["2217362 Battles/Armed clash 2019-04-07"]),
        ("Gunmen attacked a checkpoint in Gharyan, a security source said on Sunday.", ["2217362 Battles/Armed clash 2019-04-07"]),
        // An event told with no day, then told again in the next paragraph on a stated day and at no
        // place of its own: that day is the event's.
        ("Protesters set fire to a government building in Gharyan.\n\nIn the early hours of Sunday, demonstrators attacked the building.",
         ["2217362 Riots/Violent demonstration 2019-04-07"]),
        ("Clashes broke out in Gharyan, residents said.\n\nThe fighting began on Saturday night.",
         ["2217362 Battles/Armed clash 2019-04-06"]),
        ("أضرم محتجون النار في مبنى حكومي في غريان.\n\nوكان المتظاهرون قد هاجموا المبنى فجر الأحد.",
         ["2217362 Riots/Violent demonstration 2019-04-07"]),
        ("اندلعت اشتباكات في غريان.\n\nوبدأت الاشتباكات مساء السبت.", ["2217362 Battles/Armed clash 2019-04-06"]),
        // …but not where the event already has the article's day: a later day may be another's.
        ("Clashes erupted in Gharyan on Saturday.\n\nThe fighting came despite a truce agreed on Monday, March 25.",
         ["2217362 Battles/Armed clash 2019-04-06"]),
    ])
    func anEventWithNoDayTakesTheReportsOrItsNextTellingsDay(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A month "last year", or last before the report, with no day: history.
        ("Clashes erupted in Gharyan, November last year.", [String]()),
        ("اندلعت اشتباكات في غريان نوفمبر الماضي.", []),
        ("اندلعت اشتباكات في غريان في نوفمبر من العام الماضي.", []),
    ])
    func aMonthLastYearIsHistory(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // "April 7, 2018": the year after the comma is the date's (history, not news), and an
        // English ordinal day is a day.
        ("Clashes erupted in Gharyan on April 7, 2018, officials said.", [String]()),
        ("Clashes erupted in Gharyan on April 6th.", ["2217362 Battles/Armed clash 2019-04-06"]),
        ("Clashes erupted in Gharyan on the 6th of April.", ["2217362 Battles/Armed clash 2019-04-06"]),
    ])
    func aYearAfterACommaAndOrdinalDays(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A date stamped after a page's label is the page's, not the event's.
        ("Published: 08 April 2019  Clashes erupted in Gharyan on Sunday night.", ["2217362 Battles/Armed clash 2019-04-07"]),
        ("date 2019-04-09 Militias clashed yesterday in Tarhuna.", ["2210221 Battles/Armed clash 2019-04-08"]),
    ])
    func aPagesDateStampDatesNoEvent(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // "a day after" the event: the event was the day before the day the sentence gives.
        ("Streets were quiet in Gharyan on Monday, a day after clashes killed ten people.", ["2217362 Battles/Armed clash 2019-04-07"]),
        ("عاد الهدوء إلى غريان يوم الاثنين غداة اشتباكات أودت بحياة عشرة أشخاص.", ["2217362 Battles/Armed clash 2019-04-07"]),
        // …but not where the event is told with a day of its own and what follows is another matter.
        ("Clashes erupted in Gharyan on Monday, a day after the ceasefire was announced.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // Days counted back from the report.
        ("Five days ago, a car bomb exploded in Zliten.", ["2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-04"]),
    ])
    func aDayAfterOrDaysAgoCountBack(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A headline that gives no day: what "a day after" introduces was the day before the report.
        ("Calm returns to Gharyan a day after heavy clashes\nShops in the town reopened.", ["2217362 Battles/Armed clash 2019-04-08"]),
        ("الهدوء يسود مدينة غريان بعد يوم من الاشتباكات والقصف\nفتحت المحال أبوابها.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        // Without the words, the headline's event is on the report's day as before.
        ("Heavy clashes in Gharyan\nShops in the town closed.", ["2217362 Battles/Armed clash 2019-04-09"]),
    ])
    func aHeadlinesDayAfterIsTheDayBeforeTheReport(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A sentence with no day of its own means, for its place, the last day a sentence that
        // told an event there gave it; a day given to no event ("calm returned") sets none.
        ("Gunmen stormed the police station in Gharyan on Monday.\n\nClashes broke out in Gharyan on Sunday.\n\nA drone struck a base in Gharyan.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362 Battles/Armed clash 2019-04-07",
          "2217362 Explosions/Remote violence/Air/drone strike 2019-04-07"]),
        ("Clashes broke out in Gharyan on Sunday.\n\nCalm returned to Gharyan on Monday.\n\nA drone struck a base in Gharyan.",
         ["2217362 Battles/Armed clash 2019-04-07", "2217362 Explosions/Remote violence/Air/drone strike 2019-04-07"]),
        // The first day the article gives a place counts, told with an event or not.
        ("On Sunday, the forces resumed their push into Gharyan.\n\nArtillery shelled Gharyan.",
         ["2217362 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-07"]),
    ])
    func aPlacesDayIsTheLastOneToldBefore(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // What "after" introduces in a sentence dated "since Monday" came before Monday: the day
        // a later sentence gives it at its place, not Monday.
        ("Calm has prevailed in Zliten since Monday, after clashes erupted between two armed groups. Four fighters were killed when clashes broke out in Zliten on Saturday.",
         ["2208485 Battles/Armed clash 2019-04-06"]),
        // "since" before the trigger: the day after it is the event's.
        ("Four fighters were killed in Zliten since armed confrontations erupted there on Saturday",
         ["2208485 Battles/Armed clash 2019-04-06"]),
        // A span that a relative clause opens ("who have held it since September") dates no
        // event: the day the sentence gives is the event's, and what "after" introduces came
        // before it, not before September (which would be history).
        ("Gunmen entered the port of Zliten on Friday, after attacking guards who have held it since September.",
         ["2208485 Battles/Armed clash 2019-04-05"]),
    ])
    func whatCameBeforeASpanIsNotOnItsFirstDay(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A photo's caption dated weeks before the report shows a file picture, not the news;
        // one of the report's days, or the same words with no credit, tell an event.
        ("Fighters clash with militants in Benghazi on March 20, 2019. / AFP PHOTO / Staff\nClashes erupted in Zliten on Monday.",
         ["2208485 Battles/Armed clash 2019-04-08"]),
        ("Fighters clash with militants in Benghazi on April 8, 2019. / AFP PHOTO / Staff", ["88319 Battles/Armed clash 2019-04-08"]),
        ("Fighters clashed with militants in Benghazi on March 20, 2019, officials said.", ["88319 Battles/Armed clash 2019-03-20"]),
    ])
    func aFilePhotosCaptionIsNoNews(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
