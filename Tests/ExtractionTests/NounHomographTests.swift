import Testing
@testable import Extraction

/// Trigger words that Libyan news also writes as common nouns or figures of speech, read by the
/// word after them (`NounHomographs.swift`, the lists `noun-homograph` and `noun-after`).
/// Sentences written for the test.
@Suite struct NounHomographTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    @Test(arguments: [
        // أسر: families of the displaced, not a capture.
        "زار الوزير أسر المهجرين في غريان أمس",
        "وقدمت البلدية مساعدات لأسر النازحين في غريان أمس",
        // Burning waste, plundering public money: no property destroyed by an armed group.
        "بدأت البلدية حرق النفايات في غريان أمس",
        "كشف تقرير رقابي أمس عن نهب الأموال في بلدية غريان",
        // A verbal attack and an electoral battle.
        "شن النائب هجوما حادا على المجلس البلدي في غريان أمس",
        "احتدمت المعركة الانتخابية في غريان أمس",
    ])
    func aHomographReadAsItsNounIsNoEvent(text: String) {
        #expect(summary(text).isEmpty, "\(text)")
    }

    @Test(arguments: [
        // Rockets a launcher fires, counted or shown: a weapon, not a strike.
        "صادرت قوة أمنية يوم الاثنين 26 قاذفة صواريخ في ثكنة بترهونة.",
        "The brigade displayed 26 rocket launchers in Tarhuna on Monday.",
    ])
    func aLaunchersWeaponIsNoStrike(text: String) {
        #expect(summary(text).isEmpty, "\(text)")
    }

    /// The act, where no neighbour says otherwise.
    @Test func theActStaysAnAct() {
        #expect(summary("أسر مقاتلو الكتيبة ثلاثة جنود في غريان أمس") == ["2217362 Strategic developments/Arrests 2019-04-08"])
        #expect(summary("حرق مسلحون سيارات الشرطة في غريان أمس")
                == ["2217362 Strategic developments/Looting/property destruction 2019-04-08"])
        // Launchers that fire at a town: the firing is the strike.
        #expect(summary("أطلقت منصات صواريخ قذائف على ترهونة يوم الاثنين.")
                == ["2210221 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"])
    }
}
