import Testing
import IncidentMapCore
import TextMatching
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
        // One end of the stretch: the one the article names again.
        ("Gunmen attacked a checkpoint on Monday between the capital and the town of Zliten. The checkpoint in Zliten was closed.",
         ["2208485 Battles/Armed clash 2019-04-08"]),
    ])
    func aReferencePointIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Where people fly to, and where relatives are held, is not where the event was.
        ("Police arrested the commander at a checkpoint in Benghazi on Monday as he was about to board a flight to Tobruk.",
         ["88319 Strategic developments/Arrests 2019-04-08"]),
        ("Gunmen abducted two engineers on Monday to win the release of relatives detained in Zliten.", []),
        // Where they made their captives drive, the verb's object between.
        ("Gunmen attacked a police convoy in Sabha on Monday and forced officers to drive the vehicles to Zliten.",
         ["2212775 Battles/Armed clash 2019-04-08"]),
        // A car that drove up to a place came to it: the place is where it blew up.
        ("A car drove up to the Zliten checkpoint on Monday and exploded.",
         ["2208485 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // A quoted official's seat, when the sentence names where the event was.
        ("The mayor of Zliten said clashes erupted on Monday in Gharyan.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // A dateline whose comma was lost is still a dateline.
        ("TRIPOLI Clashes broke out on Monday in Sabha between two tribes.", ["2212775 Battles/Armed clash 2019-04-08"]),
        // A quarter named after another town is in the town it belongs to.
        ("قصفت الطائرات يوم الاثنين حي الزنتان في مدينة درنة.", ["87205 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // So is a bridge named after a town, in the town named after it.
        ("Clashes broke out on Monday near the Gharyan Bridge, Zliten.", ["2208485 Battles/Armed clash 2019-04-08"]),
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
        // A dateline in capitals after a headline on the same line, the town held with its country.
        ("Judge killed in Libya  TRIPOLI, Libya - Gunmen shot dead a judge on Monday, officials said.", [String]()),
        // Two towns in one dateline: neither is where the strike was.
        ("TOBRUK/DERNA, Libya - Warplanes bombed militant positions on Monday.", [String]()),
        // The base the aircraft took off from is not the one they bombed.
        ("قال المتحدث إن الطائرات التي قصفت قاعدة الجفرة يوم الاثنين أقلعت من قاعدة مصراتة.",
         ["ly-al-jufra-air-base Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Where someone went to meet an official sets no scene for the attack told next.
        ("The mayor went to Tripoli on Monday. Gunmen attacked the town with mortars on Monday.", [String]()),
        // A city written with "'s" owns the place named after "of": the event is there.
        ("Clashes broke out on Monday in Tripoli's southern suburb of Ain Zara.", ["ly-ain-zara Battles/Armed clash 2019-04-08"]),
        ("Fighting was reported on Monday near Tripoli's southern city of Gharyan.", ["2217362 Battles/Armed clash 2019-04-08"]),
        // A suburb told after its place is still located by the city.
        ("Clashes broke out on Monday in Ain Zara, a southern suburb of Tripoli.", ["ly-ain-zara Battles/Armed clash 2019-04-08"]),
    ])
    func aLocatorSeatOrDatelineIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A town in a force's name: "the Misrata shields", "Zintan rebels".
        ("قصفت دروع مصراتة يوم الاثنين مطار طرابلس.",
         ["ly-tripoli-international-airport Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        ("Warplanes bombed positions of Zintan rebels on Monday.", [String]()),
        // A militia's name in its other spelling (مليشيات for ميليشيات).
        ("قصفت مليشيات مصراتة يوم الاثنين مطار طرابلس.",
         ["ly-tripoli-international-airport Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        // … or in an operations room's, in either language.
        ("The Sabratha Operations Room said its forces repelled an attack on Monday.", [String]()),
        ("قالت غرفة عمليات سرت إن قواتها صدت هجوما يوم الاثنين.", [String]()),
    ])
    func aTownInAForcesNameIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A direction after "located" measures from the town, whether or not the located gate is known.
        ("قتل ثلاثة أشخاص يوم الاثنين في هجوم على بوابة الوادي الأحمر الواقعة جنوب مدينة مصراتة.", [String]()),
        // A second direction, joined by و, is a reference too.
        ("فجر انتحاري سيارة مفخخة يوم الاثنين عند بوابة أبوقرين غرب سرت وجنوب مصراتة.",
         ["osm-node-1185649367 Explosions/Remote violence/Suicide bomb 2019-04-08"]),
        // A direction from a town told with the word for a town, beside the target named after it.
        ("قصف مسلحون متمركزون في غابات الوادي الأحمر غرب مدينة درنة يوم الاثنين مطار الأبرق بصواريخ.",
         ["ly-al-abraq-airport Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        // A brigade's base is not where it fought.
        ("اندلعت اشتباكات يوم الاثنين في طرابلس بين كتيبة النواصي والكتيبة المتمركزة في مدينة ترهونة.",
         ["2210247 Battles/Armed clash 2019-04-08"]),
        // A dateline in mixed case with the country after a slash.
        ("Benghazi /Libya — Gunmen seized the Sharara oil field on Monday, officials said.",
         ["ly-sharara-field Battles/Non-state actor overtakes territory 2019-04-08"]),
        // The hospital the wounded were taken to, or that received the dead, is not the scene.
        ("Gunmen shelled a checkpoint on Monday and the wounded were taken to Misrata Central Hospital.", [String]()),
        ("استقبل مستشفى مصراتة المركزي يوم الاثنين جثث خمسة قتلى سقطوا في هجوم انتحاري على بوابة أبوقرين.",
         ["osm-node-1185649367 Explosions/Remote violence/Suicide bomb 2019-04-08"]),
        // Nor is the hospital that tells the toll, in either order.
        ("قصفت طائرات يوم الاثنين بوابة أبوقرين، وأعلن مستشفى مصراتة مقتل ثلاثة من الحراس.",
         ["osm-node-1185649367 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        ("Jets bombed the Abu Grein gate on Monday and Misrata hospital said three guards were killed.",
         ["osm-node-1185649367 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Nor is the hospital where the wounded lie, named by its own name.
        ("سقطت قذيفة يوم الاثنين على حي سكني في طرابلس وأصيب ثلاثة رجال حالتهم حرجة بمستشفى الخضراء.",
         ["2210247 Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
    ])
    func aLocatedReferenceBaseOrReceivingHospitalIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A tribe's name the actor lexicon knows names its land after "in" or a word for an area.
        ("Clashes erupted on Monday in Warshefana, west of Tripoli.", ["ly-warshefana Battles/Armed clash 2019-04-08"]),
        ("اندلعت اشتباكات يوم الاثنين في منطقة ورشفانة غربي العاصمة طرابلس.", ["ly-warshefana Battles/Armed clash 2019-04-08"]),
        // Before a word of the actor's it stays the actor.
        ("Warshefana fighters clashed with a Tripoli militia in Janzour on Monday.", ["2216349 Battles/Armed clash 2019-04-08"]),
        // A hospital named in the fighting is the place, not a village of the same name.
        ("Rockets hit Al-Khadra Hospital in Tripoli on Monday.",
         ["ly-al-khadra-hospital Explosions/Remote violence/Shelling/artillery/missile attack 2019-04-08"]),
        // So is a mosque or an embassy a bomb went off at (OSM's buildings, by the name that says which one).
        ("انفجرت سيارة مفخخة يوم الاثنين أمام مسجد أحمد الزروق في مصراتة.",
         ["osm-node-4366369392 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        ("A bomb exploded outside the Embassy of Poland in Tripoli on Monday.",
         ["osm-node-6333352085 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
    ])
    func aTribesLandAndAHospitalAreScenes(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A distance told with "to the … of" (or two compass words) measures from the town after it.
        ("قتل ثلاثة أشخاص يوم الاثنين في اشتباكات بالعزيزية على بعد 45 كيلومترا إلى الجنوب من مدينة طرابلس.",
         ["2220139 Battles/Armed clash 2019-04-08"]),
        ("Gunmen attacked Aziziya some 45 km to the south of Tripoli on Monday.", ["2220139 Battles/Armed clash 2019-04-08"]),
        // "إلى الغرب من" without a distance locates the town named before it, too.
        ("قصفت الطائرات يوم الاثنين زليتن إلى الغرب من مصراتة.", ["2208485 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        ("Warplanes bombed Zliten to the west of Misrata on Monday.", ["2208485 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // Where the attackers withdrew to is not where they fought.
        ("اندلعت اشتباكات يوم الاثنين في مدينة غريان قبل أن تنسحب القوات المهاجمة باتجاه مدينة ترهونة.",
         ["2217362 Battles/Armed clash 2019-04-08"]),
        ("Rival fighters clashed in Gharyan on Monday before the attackers retreated to positions in Tarhuna.",
         ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func aDistancesReferenceOrAWithdrawalsGoalIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The town of a council or of elders that speak, where the sentence names the scene.
        ("أعلن المجلس البلدي في مدينة مصراتة يوم الاثنين مقتل ثلاثة أشخاص في اشتباكات بمدينة سرت.", ["2210554 Battles/Armed clash 2019-04-08"]),
        ("The municipal council in Misrata said three people were killed on Monday in clashes in Sirte.",
         ["2210554 Battles/Armed clash 2019-04-08"]),
        // The home town of the dead, or of the gunmen, is not where they were killed.
        ("قتل شابان من أبناء مدينة مصراتة يوم الاثنين في اشتباكات بمدينة سرت.", ["2210554 Battles/Armed clash 2019-04-08"]),
        // A town the place belongs to only says where that place is.
        ("قصفت الطائرات يوم الاثنين قرية السقائف التابعة لبلدية غريان.",
         ["osm-node-1565509627 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // A town whose outskirts a village lies on locates the village.
        ("قصفت الطائرات يوم الاثنين قرية الدياسير على مشارف مدينة غريان.",
         ["osm-node-1565508887 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // A dateline with its day and an agency in brackets, in any case, is where the report was filed.
        ("طرابلس 9 أبريل 2019 (وال) - قتل ثلاثة أشخاص يوم الاثنين في اشتباكات.", [String]()),
        ("Benghazi (Reuters) - Three people were killed on Monday in clashes.", [String]()),
        ("(وال) - بنغازي - قتل ثلاثة أشخاص يوم الاثنين في اشتباكات.", [String]()),
        // A speaker after a comma is no town's: "…, local residents reported".
        ("Clashes continued on Monday in Wadi al-Rabi and Espiaa, local residents reported.",
         ["ly-wadi-al-rabi Battles/Armed clash 2019-04-08", "ly-espiaa Battles/Armed clash 2019-04-08"]),
    ])
    func aSpeakersTownAHomeTownOrADatelineIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // An event told at no named place is placed by the first reference back to it that names one.
        ("Clashes between rival militias rocked a coastal town in western Libya on Saturday.\n\nThe clashes were centred in the southern part of Zawiya, officials said.",
         ["2218970 Battles/Armed clash 2019-04-06"]),
        ("اندلعت اشتباكات عنيفة بين مجموعات مسلحة يوم السبت في مدينة ساحلية غرب البلاد.\n\nوتركزت الاشتباكات في الأحياء الجنوبية لمدينة الزاوية.",
         ["2218970 Battles/Armed clash 2019-04-06"]),
        // …but not once an event of its type has a place: the reference is that one's.
        ("Clashes erupted in Gharyan on Saturday.\n\nThe clashes ended after fighters arrived in Zawiya.",
         ["2217362 Battles/Armed clash 2019-04-06"]),
        // A reference that says where the event took place moves it out of the city the
        // headline put it near, however far that is.
        ("Air strike kills two commanders near Tripoli\n\nTwo commanders were killed on Saturday in an air strike. The air strike took place in the town of Gharyan.",
         ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-06"]),
    ])
    func aReferenceBackPlacesAnEventToldAtNoPlace(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The headline's place is the scene of the lead under it, which names none.
        ("Turkey eyes Zliten air base\n\nWarplanes struck at an air base overnight, a military source said.",
         ["2208485 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
        // …and not of a later paragraph.
        ("Turkey eyes Zliten air base\n\nTalks went on in Tunis on Monday.\n\nWarplanes struck an air base overnight.", [String]()),
        // Where help came from abroad sets no clause abroad: the scene holds.
        ("Clashes erupted in Gharyan on Sunday. Militias clashed again on Monday with help from Turkey.",
         ["2217362 Battles/Armed clash 2019-04-07", "2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func theHeadlinesPlaceSetsTheLeadsScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The two towns a place is said to lie between locate it; neither is the scene.
        ("Fighters clashed on Monday in an area that lies between Zawiya and Tripoli.", [String]()),
        ("اندلعت يوم الاثنين اشتباكات في منطقة الماية الواقعة بين الزاوية وطرابلس.", ["2219812 Battles/Armed clash 2019-04-08"]),
        // … or that it stands halfway between.
        ("Fighters seized a village on Monday halfway between Sirte and Misrata.", [String]()),
        ("سيطر مسلحون يوم الاثنين على قرية تقع على منتصف المسافة بين سرت ومصراتة.", [String]()),
        // Where the one who speaks is, when the sentence names where the event was.
        ("Our reporter in the capital Tripoli says gunmen shot dead a judge in Derna on Monday.",
         ["87205 Violence against civilians/Attack 2019-04-08"]),
        // The end of a journey from one town to another is not where the vehicle was seized.
        ("خطف مسلحون يوم الاثنين سيارة تقل عمالا أجانب في طريقها من زوارة إلى طرابلس.",
         ["2208425 Violence against civilians/Abduction/forced disappearance 2019-04-08"]),
        // A place between a reporting verb and its أنها is where the statement was made.
        ("وذكرت مصادر بالسفارة في العاصمة طرابلس أنها تتحرى تقارير عن اغتيال مواطن أمس.", [String]()),
        // A town in capitals after a run of spaces and before a colon: a dateline of a page
        // copied as one line, after its headline.
        ("Oil guards attacked  SABHA: Gunmen shot dead two guards on Monday.", [String]()),
    ])
    func aLocatedRegionsEndsASpeakerOrAJourneysEndIsNotTheScene(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A sentence that measures where its event was from a town says it was elsewhere: not
        // in that town, nor in the scene the sentence before set, but at the point it measures.
        ("Clashes broke out in Gharyan on Monday. On Tuesday, a car bomb exploded at a checkpoint 30 km south of Gharyan.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362@30km180 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-09"]),
        ("اندلعت اشتباكات في غريان يوم الاثنين. وانفجرت سيارة مفخخة يوم الثلاثاء عند بوابة تبعد 30 كيلومترا جنوب غريان.",
         ["2217362 Battles/Armed clash 2019-04-08", "2217362@30km180 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-09"]),
        // Without a number, the sentence says only that it was not in the town: no point.
        ("Clashes broke out in Gharyan on Monday. On Tuesday, a car bomb exploded at a checkpoint south of Gharyan.",
         ["2217362 Battles/Armed clash 2019-04-08"]),
    ])
    func anEventMeasuredFromATownIsAtThePointMeasured(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Two compass words, the first measure of two, the Arabic for "south" with its ي, a
        // number and a unit written as one word, a round number in words.
        ("Aircraft struck two camps on Monday, 45 kilometers southwest of Sirte.", "2210554@45km225", 45.0, 225.0),
        ("Gunmen attacked an air base on Monday about 45 kilometers (30 miles) north of the city of Sabha.", "2212775@45km0", 45, 0),
        ("قتل جنديان يوم الاثنين في هجوم على نقطة تفتيش على بعد 60 كيلومترا جنوبي مدينة اجدابيا.", "89113@60km180", 60, 180),
        ("Gunmen attacked a checkpoint on Monday 80km south-east of the Libyan capital Tripoli.", "2210247@80km135", 80, 135),
        ("انفجرت سيارة مفخخة يوم الاثنين عند بوابة على بعد مائة كلم شرق بنغازي.", "88319@100km90", 100, 90),
    ])
    func aMeasuredPointLiesAtTheDistanceAndBearingGiven(text: String, id: String, kilometres: Double, bearing: Double) throws {
        let incidents = ExtractorTests().extract(text)
        let incident = try #require(incidents.first, "\(text)")
        #expect(incidents.count == 1 && incident.place.id == id, "\(text)")
        #expect(incident.geoPrecision == .nearPlace)
        let town = try #require(ExtractorTests.extractor.gazetteer.place(id: String(id.prefix { $0 != "@" })))
        // The geodesic back to the town is the distance given, to the metre (the point is written
        // to a millionth of a degree).
        #expect(abs(Geodesic.distance(from: town.coordinate, to: incident.place.coordinate) - kilometres * 1_000) < 1)
        let back = Geodesic.destination(from: town.coordinate, azimuth: bearing, metres: kilometres * 1_000)
        #expect(abs(back.latitude - incident.place.coordinate.latitude) <= 5e-7 && abs(back.longitude - incident.place.coordinate.longitude) <= 5e-7)
    }

    @Test(arguments: [
        // A distance that locates a place named just before it ("Tarhuna, some 80 km …") says
        // where that place is: the sentence's event is not at the measured point.
        "Fighters from Tarhuna, some 80 km south-east of Tripoli, attacked a checkpoint on Monday.",
        "وقال أحد سكان الزنتان، 145 كيلومترا جنوب غربي العاصمة طرابلس، إن مسلحين هاجموا بوابة يوم الاثنين.",
    ])
    func aDistanceThatLocatesANamedPlaceGivesNoPoint(text: String) {
        #expect(!summary(text).contains { $0.contains("@") }, "\(text)")
    }

    @Test(arguments: [
        ("south-west of", 225.0), ("southwest of the", 225), ("to the east of", 90), ("جنوب غرب", 225), ("الجنوب الغربي", 225),
        ("إلى الشمال من", 0), ("شمال شرق", 45), ("north of the south", -1), ("of the", -1),
    ])
    func directionWordsGiveABearing(words: String, degrees: Double) {
        let bearing = IncidentExtractor.bearing(of: Tokenizer.tokens(in: words)[...])
        #expect(bearing?.degrees ?? -1 == degrees, "\(words)")
    }
}
