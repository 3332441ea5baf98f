import Testing
import TextMatching
@testable import Extraction

/// Trigger verbs read in both voices from one lemma each: the passive ("were shot and killed",
/// "was found dead"), two verbs joined by "and", the participle used as an adjective, and the
/// nouns of a murder, a disappearance, a body found. Sentences written for the test.
@Suite struct GeneratedTriggerFormsTests {
    /// Read as `ExtractorTests` reads its sentences: published 2019-04-09, a Tuesday.
    func summary(_ text: String) -> [String] { ExtractorTests().summary(text) }

    static let attack = "2217362 Violence against civilians/Attack 2019-04-08"
    static let abduction = "2217362 Violence against civilians/Abduction/forced disappearance 2019-04-08"

    @Test func thePassiveIsMadeFromTheParticiple() {
        let shoot = Set(EnglishInflection.passiveForms(ofPhrase: "shoot"))
        #expect(shoot.isSuperset(of: ["was shot", "were shot", "been shot", "got shot"]))
        // "to be shot", "will be shot" tell what may come: no form with "be".
        #expect(!shoot.contains("be shot") && !shoot.contains("shot"))
        #expect(EnglishInflection.passiveForms(ofPhrase: "slay").contains("were slain"))
        #expect(EnglishInflection.passiveForms(ofPhrase: "shoot down").contains("was shot down"))
        #expect(EnglishInflection.passiveForms(ofPhrase: "stab").contains("was stabbed"))
    }

    @Test func verbsJoinedByAndTakeTheSameTense() {
        let forms = Set(EnglishInflection.forms(ofPhrase: "shoot and kill"))
        #expect(forms.isSuperset(of: ["shot and killed", "shoots and kills", "shooting and killing"]))
        #expect(!forms.contains("shot and kills"))
        #expect(EnglishInflection.forms(ofPhrase: "find dead").contains("found dead"))
        #expect(EnglishInflection.forms(ofPhrase: "blow up").contains("blown up"))
    }

    @Test(arguments: [
        ("Two farmers were shot and killed near Gharyan yesterday.", [attack]),
        ("Gunmen shot and killed a shopkeeper in Gharyan yesterday.", [attack]),
        ("A teacher was murdered in Gharyan yesterday by unknown men.", [attack]),
        ("Police in Gharyan yesterday found a murdered driver beside his car.", [attack]),
        ("A nurse was found dead in Gharyan yesterday.", [attack]),
        ("A municipal engineer was stabbed in Gharyan yesterday.", [attack]),
        ("A local doctor disappeared in Gharyan yesterday.", [abduction]),
        ("A doctor's disappearance in Gharyan yesterday alarmed his colleagues.", [abduction]),
        ("اغتيلت ناشطة حقوقية في غريان أمس", [attack]),
        ("عثر على جثة شاب في غريان أمس", [attack]),
        ("A drone was shot down over Gharyan yesterday.", ["2217362 Strategic developments/Disrupted weapons use 2019-04-08"]),
        ("Militants blew up a bridge in Gharyan yesterday.",
         ["2217362 Explosions/Remote violence/Remote explosive/landmine/IED 2019-04-08"]),
        // Forces that strike back fight back; warplanes that strike strike from the air.
        ("Government forces struck back at the militia in Gharyan yesterday.", ["2217362 Battles/Armed clash 2019-04-08"]),
        ("Warplanes struck militia positions in Gharyan yesterday.", ["2217362 Explosions/Remote violence/Air/drone strike 2019-04-08"]),
    ])
    func readsBothVoicesOfOneLemma(text: String, expected: [String]) {
        #expect(summary(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A murder named by its trial or its charges, a kidnapping by its charges: no event.
        "A court in Gharyan opened the murder trial of two men yesterday.",
        "Two men in Gharyan yesterday faced murder charges.",
        "The mayor of Gharyan yesterday dropped the kidnapping charges.",
        // A shooting that may come.
        "Residents of Gharyan said yesterday they feared they would be shot at checkpoints.",
        "Gunmen threatened to blow up the bridge in Gharyan yesterday.",
        // "Shot" as a noun is no shooting.
        "The mayor of Gharyan yesterday took a shot at his rivals.",
    ])
    func aNameACaseOrAThreatIsNoKilling(text: String) {
        #expect(summary(text).isEmpty, "\(text)")
    }
}
