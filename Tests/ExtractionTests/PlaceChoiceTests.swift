import Testing
@testable import Extraction

/// Which of a sentence's places is where its event happened, when it also names places only to
/// say where another lies, where people went or are held, whose official speaks or what a
/// quarter is named after (`PlaceChoice.swift`). Sentences written for the test.
@Suite struct PlaceChoiceTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // A compass word with "of" measures from the place after it: the named town is where.
        ("Rival fighters clashed on Sunday in Wamis, south-west of Tripoli.", ["ly-wamis Battles/Armed clash 2019-04-07"]),
        // With no town named, the reference is not where it happened either.
        ("Militias exchanged fire on Monday in an area west of the capital Tripoli.", [String]()),
        // "the south of" a city is inside it.
        ("Four people died in clashes on Monday in the south of the capital Tripoli.", ["2210247 Battles/Armed clash 2019-04-08"]),
        // Arabic: a direction after a town named just before it locates that town.
        ("اندلعت اشتباكات يوم الاثنين في مدينة الزاوية غرب العاصمة طرابلس.", ["2218970 Battles/Armed clash 2019-04-08"]),
        // Arabic with no other town: جنوب طرابلس is (southern) Tripoli.
        ("اندلعت اشتباكات يوم الاثنين جنوب العاصمة طرابلس.", ["2210247 Battles/Armed clash 2019-04-08"]),
        // A road's two ends: one event, at the first town where no other place is named.
        ("Gunmen attacked a checkpoint on Monday on the road between Zliten and Gharyan.", ["2208485 Battles/Armed clash 2019-04-08"]),
    ])
    func aReferencePointIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Where people fly to, and where relatives are held, is not where the event was.
        ("Police arrested the commander at a checkpoint in Benghazi on Monday as he was about to board a flight to Tobruk.",
         ["88319 Strategic developments/Arrests 2019-04-08"]),
        ("Gunmen abducted two engineers on Monday to win the release of relatives detained in Zliten.", []),
        // A quoted official's seat, when the sentence names where the event was.
        ("The mayor of Zliten said clashes erupted on Monday in Gharyan.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // A dateline whose comma was lost is still a dateline.
        ("TRIPOLI Clashes broke out on Monday in Sabha between two tribes.", ["2212775 Battles/Armed clash 2019-04-08"]),
        // A quarter named after another town is in the town it belongs to.
        ("قصفت الطائرات يوم الاثنين حي الزنتان في مدينة درنة.", ["87205 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
    ])
    func aPlaceNamedForSomethingElseIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A town after a word of nearness, in apposition to the town named just before, locates it.
        ("اندلعت اشتباكات يوم الاثنين في مدينة ككلة المتاخمة لمدينة الزنتان.", ["2215758 Battles/Armed clash 2019-04-08"]),
        // A body's seat, told as the place it takes for its seat, is not where the crowd was.
        ("تظاهر مئات يوم الاثنين في مدينة زليتن مطالبين الحكومة التي تتخذ من مدينة طرابلس مقرا لها بصرف المرتبات.",
         ["2208485 Protests/Peaceful protest 2019-04-08"]),
        // Two towns in one dateline: neither is where the strike was.
        ("TOBRUK/DERNA, Libya - Warplanes bombed militant positions on Monday.", [String]()),
        // The base the aircraft took off from is not the one they bombed.
        ("قال المتحدث إن الطائرات التي قصفت قاعدة الجفرة يوم الاثنين أقلعت من قاعدة مصراتة.",
         ["ly-al-jufra-air-base Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Where someone went to meet an official sets no scene for the attack told next.
        ("The mayor went to Tripoli on Monday. Gunmen attacked the town with mortars on Monday.", [String]()),
    ])
    func aLocatorSeatOrDatelineIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A town in a force's name: "the Misrata shields", "Zintan rebels".
        ("قصفت دروع مصراتة يوم الاثنين مطار طرابلس.",
         ["ly-tripoli-international-airport Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        ("Warplanes bombed positions of Zintan rebels on Monday.", [String]()),
    ])
    func aTownInAForcesNameIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }
}
