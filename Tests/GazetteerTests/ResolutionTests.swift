import Foundation
import IncidentMapCore
import Testing
@testable import Gazetteer
import TextMatching

@Suite struct ResolutionTests {
    static let gazetteer = try! Gazetteer.bundled()

    func places(_ text: String) -> [String] {
        Self.gazetteer.resolve(text).resolved.map(\.place.id)
    }

    /// Sentences whose common words must not become places.
    @Test(arguments: [
        "سرت في الطريق إلى السوق مساء أمس",                  // سرت: I walked
        "رفع المقاتلون الراية البيضاء واستسلموا",            // البيضاء: white
        "قتل الخمس الباقون في الحادث",                         // الخمس: the five
        "قال سلطان بن زايد إن الاجتماع انتهى",                  // سلطان: a name
        "أكد المتحدث أن الوضع الجديد لا يحتمل التأجيل",          // الجديد: the new
        "تحدث عن صلاح الدين الأيوبي في كلمته",                  // صلاح الدين: Saladin
        "The sultan spoke of a new era",
        "نظر إلى المسألة من هذه الزاوية",                         // الزاوية: angle (من is no place evidence)
        "اقتحم مسلحون المبنى وأصابوا عددا من الطلاب",              // المبنى: the building; الطلاب: the students
        "تجمع المحتجون في المبنى الرئيسي للجامعة",                // في alone is no evidence for an everyday word
        "اندلع حريق في الحي الصناعي",                             // many towns have an industrial quarter
    ])
    func commonWordsAreNotPlaces(sentence: String) {
        #expect(places(sentence).isEmpty, "\(sentence) → \(places(sentence))")
    }

    @Test(arguments: [
        ("اشتباكات عنيفة في مدينة سرت", "2210554"),
        ("قصف على بلدة البيضاء", "89055"),
        ("غارة جوية في الخمس", "2219905"),
        ("وصلت التعزيزات إلى منطقة الزاوية", "2218970"),
        ("Clashes were reported in Brak overnight", "2218478"),
        ("Fighting near Sirte", "2210554"),
        ("اشتباكات بسرت", "2210554"),
        // The evidence word may carry a conjunction: "and in al-Marj".
        ("وفي المرج اقتحم متظاهرون مقر الشرطة", "88903"),
        ("اشتباكات وفي الخمس", "2219905"),
        ("اشتباكات في الأحياء الجنوبية لمدينة الزاوية", "2218970"),
        // An everyday word that names a village is the village after a word for a place.
        ("وصلت التعزيزات إلى قرية الطلاب", "88559"),
    ])
    func commonWordsWithPlaceEvidenceArePlaces(sentence: String, placeID: String) {
        #expect(places(sentence) == [placeID], "\(sentence)")
    }

    /// كبيرة is "big", not ك + البيرة: a place whose every name has the article is not read
    /// in a word without it.
    /// An everyday word that names a village is the village beside a place near it, its town or
    /// a neighbour (المبنى "the building", a village 16 km from Tukrah), and not in an article set
    /// elsewhere.
    @Test func anEverydayWordBesideItsNeighbourIsTheVillage() {
        #expect(places("اشتباكات في توكرة امتدت إلى المبنى").count == 2)
        #expect(places("اشتباكات في سبها امتدت إلى المبنى").count == 1)
    }

    @Test func aWordWithoutTheArticleIsNotAPlaceThatAlwaysHasIt() {
        #expect(places("وصلت أعداد كبيرة من السيارات").isEmpty)
    }

    /// After a word that says a place's name follows, the name is read without its article,
    /// as news often writes it there (السدادة as "بمنطقة سدادة").
    @Test func aNameAfterAWordForAPlaceMayDropItsArticle() {
        #expect(places("قصفت الطائرات تجمعا للعربات بمنطقة سدادة") == ["2219376"])
        #expect(places("قصفت الطائرات تجمعا للعربات قرب سدادة").isEmpty)
    }

    /// Of two places with one name, the one near a place the text names without doubt.
    @Test func aNamesakeNearTheTextsOtherPlacesWins() throws {
        let resolved = Self.gazetteer.resolve("تجددت الاشتباكات في مدينة سبها بعدما اقتحمت مجموعة معسكرا بمنطقة الناصرية").resolved
        let nasiriya = try #require(resolved.first { $0.mention.text.contains("الناصرية") })
        let sabha = try #require(Self.gazetteer.places["2212775"])
        #expect(Geodesic.distance(from: nasiriya.place.coordinate, to: sabha.coordinate) < 30_000, "\(nasiriya.place)")
    }

    @Test func tripoliIsLibyanInALibyanArticle() throws {
        let text = "اشتباكات في طرابلس بين قوات حفتر وقوات حكومة الوفاق"
        let resolution = Self.gazetteer.resolve(text)
        let tripoli = try #require(resolution.resolved.first)
        #expect(tripoli.place.id == "2210247")
        #expect(tripoli.candidates.map(\.placeID).sorted() == ["2210247", "lb-tripoli"])
        #expect(tripoli.candidates[0].score > tripoli.candidates[1].score)
        #expect(resolution.mainCountry == "LY")
    }

    @Test func tripoliIsLebaneseInALebaneseArticle() throws {
        let arabic = Self.gazetteer.resolve("اشتباكات في طرابلس شمال لبنان بين مسلحين ومؤيدين لحزب الله")
        #expect(arabic.resolved.first?.place.id == "lb-tripoli")
        let english = Self.gazetteer.resolve("Gunfire in Tripoli, Lebanon's second city, as Hezbollah supporters clashed with the army")
        #expect(english.resolved.first?.place.id == "lb-tripoli")
    }

    @Test func englishTripoliWithLibyanActorsIsLibyan() {
        #expect(places("Clashes in Tripoli between Haftar's LNA and GNA forces") == ["2210247"])
    }

    @Test func theCapitalIsTripoliOnlyInALibyanArticle() {
        #expect(places("قصف عنيف على أطراف العاصمة الليبية") == ["2210247"])
        #expect(places("تقدمت قوات حفتر نحو العاصمة") == ["2210247"])
        #expect(places("The LNA pushed towards the capital, Libyan officials said") == ["2210247"])
        #expect(places("زار الرئيس اللبناني العاصمة بعد لقاء حزب الله") == [])
        #expect(places("وصل الوفد إلى العاصمة الروسية") == ["ru-moscow"])
    }

    @Test func theLongestNameWins() {
        #expect(places("استعادة السيطرة على مطار طرابلس الدولي") == ["ly-tripoli-international-airport"])
        #expect(places("قرب باب العزيزية") == ["ly-bab-al-azizia"])
    }

    @Test func foreignPlacesAreRecognisedAsForeign() {
        let resolution = Self.gazetteer.resolve("قال المتحدث باسم الكرملين في موسكو إن روسيا مستعدة، ونفى مسؤول في تونس")
        #expect(resolution.resolved.allSatisfy { !$0.place.isLibyan })
        #expect(resolution.resolved.map(\.place.id).contains("ru-moscow"))
        #expect(resolution.resolved.map(\.place.id).contains("tn-tunis"))
    }
}

/// Names found by one walk of the gazetteer's phrases together with other indexes (as
/// extraction walks them with its lexicon) resolve exactly as the gazetteer resolves alone.
@Suite struct CombinedNameWalkTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/samples/tripoli-2019-04-ar.txt")

    static let texts: [String] = [
        "اشتباكات في طرابلس بين قوات حفتر وقوات حكومة الوفاق",
        "سرت في الطريق إلى السوق مساء أمس، ثم اشتباكات بسرت وفي مدينة سرت",
        "وصلت أعداد كبيرة من السيارات إلى منطقة الزاوية والعزيزية وللعزيزية",
        "تجددت الاشتباكات في مدينة سبها بعدما اقتحمت مجموعة معسكرا بمنطقة الناصرية",
        "دعت الأممالمتحدة إلى هدنة في وادي الربيع وقصر بن غشير",
        "Clashes near Gasr Ben Gashir and Tripoli International Airport; Khalifa Haftar's forces in Teminhint and Sebha",
        "Talks in Tunis and Moscow on Tripoli, the capital",
    ]

    static func resolvedAlike(_ text: String) {
        let gazetteer = ResolutionTests.gazetteer
        var others = PhraseIndex<String>()
        for phrase in ["اشتباكات", "قوات", "في", "Clashes", "مدينة", "الأمم"] { others.insert(phrase, payload: phrase) }
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer.tokens(in: scalars)
        let combined = CombinedPhraseIndex([others.phrases] + gazetteer.textPhrases)
        let walked = gazetteer.resolve(scalars, tokens: tokens, names: gazetteer.nameMatches(combined.matches(in: tokens), firstMember: 1))
        let alone = gazetteer.resolve(text)
        #expect(walked.resolved == alone.resolved, "\(text.prefix(80))")
        #expect(walked.rejected == alone.rejected, "\(text.prefix(80))")
        #expect(walked.countryWeights == alone.countryWeights, "\(text.prefix(80))")
        #expect(walked.mainCountry == alone.mainCountry, "\(text.prefix(80))")
    }

    @Test(arguments: texts)
    func resolvesAsTheGazetteerAlone(text: String) {
        Self.resolvedAlike(text)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample.path), "../shared/samples/tripoli-2019-04-ar.txt is absent beside the checkout"))
    func resolvesTheSampleArticleAsTheGazetteerAlone() throws {
        let text = try String(contentsOf: Self.sample, encoding: .utf8)
        #expect(!ResolutionTests.gazetteer.resolve(text).resolved.isEmpty)
        Self.resolvedAlike(text)
    }
}

/// Latin spellings found by their consonants (`Gazetteer+Resolve.swift`). Sentences written for
/// the test.
@Suite struct NearSpellingTests {
    static let gazetteer = ResolutionTests.gazetteer

    func placeIDs(_ text: String) -> [String] { Self.gazetteer.resolve(text).resolved.map(\.place.id) }

    /// A nisba (the name with -i after its last consonant) is a family's or a side's name.
    @Test func aNisbaIsNotThePlace() {
        #expect(!placeIDs("The council condemned the shooting in Al-Dahmani on Monday").contains("osm-node-1565510714"))  // Dahman near Sabratha
    }

    /// A spelling whose vowels differ is still found: Dehman for Dahman.
    @Test func aVowelSpellingIsStillFound() {
        #expect(placeIDs("Gunmen shot at a car in Dehman on Monday").contains("osm-node-1565510714"))
    }

    /// The crossing beside Wazin, written as the passage refugees take.
    @Test func theWazenPassageIsTheCrossing() {
        #expect(placeIDs("Shells closed the Wazen passage on Monday").contains("ly-wazin-crossing"))
    }
}
