/// The English forms of a trigger, so that the lexicon lists base forms only: the regular
/// -s/-es, -ed and -ing of its last word (attack → attacks, attacked, attacking; demonstration →
/// demonstrations; shell → shelled, shelling; rob → robbed) and, in a phrase, of its first word
/// too (open fire → opened fire, take control of → taking control of), with the irregular pasts
/// of the verbs conflict news uses (take over → took over, come under fire → came under fire).
/// Forms that are not words do no harm: text never holds them ("car bomb" → "cars bomb").
enum EnglishInflection {
    static func forms(ofPhrase phrase: String) -> [String] {
        let words = phrase.split(separator: " ").map(String.init)
        // Two verbs joined by "and" ("shoot and kill") are written in the same tense: shot and
        // killed, shoots and kills, shooting and killing.
        if words.count == 3, words[1] == "and", isInflectable(words[0]), isInflectable(words[2]) {
            let first = roles(ofVerb: words[0].lowercased()), second = roles(ofVerb: words[2].lowercased())
            return zip(first, second).flatMap { one, other in one.flatMap { a in other.map { b in a + " and " + b } } }
        }
        var phraseForms: [String] = []
        if let last = words.last, isInflectable(last) {
            let head = words.dropLast().joined(separator: " ")
            phraseForms += forms(ofWord: last.lowercased()).map { head.isEmpty ? $0 : head + " " + $0 }
        }
        // A phrase led by a verb ("open fire", "take over", "come under attack") is written with
        // that verb inflected and the rest as listed.
        if words.count > 1, let first = words.first, isInflectable(first) {
            let tail = words.dropFirst().joined(separator: " ")
            phraseForms += forms(ofWord: first.lowercased()).map { $0 + " " + tail }
        }
        return phraseForms
    }

    private static func isInflectable(_ word: String) -> Bool {
        word.count >= 3 && word.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The past and participle of verbs whose forms no rule makes, by their base form.
    /// Hand-written: the few verbs of fighting, seizing and protest that news writes irregularly.
    static let irregular: [String: [String]] = [
        "take": ["took", "taken"], "retake": ["retook", "retaken"], "overtake": ["overtook", "overtaken"],
        "overrun": ["overran"], "shoot": ["shot"], "blow": ["blew", "blown"], "fight": ["fought"],
        "beat": ["beaten"], "steal": ["stole", "stolen"], "break": ["broke", "broken"], "burn": ["burnt"],
        "come": ["came"], "throw": ["threw", "thrown"], "drive": ["drove", "driven"], "hold": ["held"],
        "go": ["went", "gone"], "withdraw": ["withdrew", "withdrawn"], "bring": ["brought"], "run": ["ran"],
        "rise": ["rose", "risen"], "sit": ["sat"], "set": ["set"], "hit": ["hit"], "shut": ["shut"],
        "strike": ["struck"], "slay": ["slew", "slain"], "find": ["found"],
    ]

    /// The passive of a phrase led by a verb, for a lemma whose other forms report no event of
    /// their own ("shot" is also a noun; "gunmen stabbed at the town"): the participle behind an
    /// auxiliary of the passive, the rest of the phrase as listed ("shoot" → was shot, were shot,
    /// has been shot, got shot; "shoot down" → was shot down). "Be" is left out: "to be shot",
    /// "will be shot" tell what may come.
    static func passiveForms(ofPhrase phrase: String) -> [String] {
        let words = phrase.split(separator: " ").map(String.init)
        guard let verb = words.first, isInflectable(verb) else { return [] }
        let tail = words.dropFirst().map { " " + $0 }.joined()
        return passiveAuxiliaries.flatMap { auxiliary in participles(of: verb.lowercased()).map { auxiliary + " " + $0 + tail } }
    }

    /// The auxiliaries of the English passive: "has been", "had been" and "have been" end in "been".
    static let passiveAuxiliaries = ["is", "are", "was", "were", "been", "being", "get", "gets", "got"]

    /// A verb's forms by role, for verbs written together: its -s form, its past, its
    /// participle and its -ing form.
    private static func roles(ofVerb verb: String) -> [[String]] {
        let regular = forms(ofWord: verb).filter { !(irregular[verb] ?? []).contains($0) }
        let past = (irregularPast[verb] ?? irregularParticiple[verb] ?? []) + regular.filter { $0.hasSuffix("ed") }
        return [regular.filter { $0.hasSuffix("s") }, past, participles(of: verb), regular.filter { $0.hasSuffix("ing") }]
    }

    /// The past participles of `verb`: its irregular ones, else the -ed forms the rules make.
    static func participles(of verb: String) -> [String] {
        if let irregular = irregularParticiple[verb] { return irregular }
        return forms(ofWord: verb).filter { $0.hasSuffix("ed") }
    }

    /// The irregular pasts (simple past) of the verbs of ``irregular`` whose past is not their participle.
    private static let irregularPast: [String: [String]] = [
        "take": ["took"], "retake": ["retook"], "overtake": ["overtook"], "blow": ["blew"], "steal": ["stole"],
        "break": ["broke"], "throw": ["threw"], "drive": ["drove"], "go": ["went"], "withdraw": ["withdrew"],
        "rise": ["rose"], "slay": ["slew"], "beat": ["beat"], "overrun": ["overran"], "run": ["ran"], "come": ["came"],
    ]

    /// The irregular past participles, by the base form.
    private static let irregularParticiple: [String: [String]] = [
        "take": ["taken"], "retake": ["retaken"], "overtake": ["overtaken"], "overrun": ["overrun"], "shoot": ["shot"],
        "blow": ["blown"], "fight": ["fought"], "beat": ["beaten"], "steal": ["stolen"], "break": ["broken"],
        "burn": ["burnt", "burned"], "throw": ["thrown"], "drive": ["driven"], "hold": ["held"], "withdraw": ["withdrawn"],
        "bring": ["brought"], "set": ["set"], "hit": ["hit"], "shut": ["shut"], "strike": ["struck"], "slay": ["slain"],
        "find": ["found"], "run": ["run"], "come": ["come"], "go": ["gone"], "rise": ["risen"], "sit": ["sat"],
    ]

    static func forms(ofWord word: String) -> [String] {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let letters = Array(word)
        var forms: [String] = irregular[word] ?? []
        if word.hasSuffix("s") || word.hasSuffix("ed") || word.hasSuffix("ing") { return forms }
        if word.hasSuffix("e") {
            let stem = String(word.dropLast())
            forms += [word + "s", word + "d", stem + "ing"]
        } else if word.hasSuffix("y"), let before = letters.dropLast().last, !vowels.contains(before) {
            let stem = String(word.dropLast())
            forms += [stem + "ies", stem + "ied", word + "ing"]
        } else if word.hasSuffix("sh") || word.hasSuffix("ch") || word.hasSuffix("x") || word.hasSuffix("z") {
            forms += [word + "es", word + "ed", word + "ing"]
        } else {
            forms += [word + "s", word + "ed", word + "ing"]
            // A short final syllable doubles its consonant: "rob" → robbed, "stab" → stabbed.
            if letters.count >= 3, let final = letters.last, !vowels.contains(final), !["w", "x", "y"].contains(final),
               vowels.contains(letters[letters.count - 2]), !vowels.contains(letters[letters.count - 3]) {
                forms += [word + String(final) + "ed", word + String(final) + "ing"]
            }
        }
        return forms
    }
}

/// The Arabic forms of a one-word trigger of a derived verb, so that the lexicon lists the verb
/// (its perfect, third person masculine) or its verbal noun once: the persons of the perfect and
/// of the imperfect, the verbal noun with its sound plural and dual, and the object and
/// object pronouns on the verbs (اقتحم → اقتحموا، يقتحمون، اقتحامات، اقتحموه). The proclitics
/// (و ف ب ل ك) and the article are the matcher's.
///
/// Only the derived forms whose letters show their pattern in unvowelled text are inflected:
/// VII انفعل, VIII افتعل and X استفعل, whose imperfect drops the alef (ينفجر، يقتحم، يستهدف) and
/// whose verbal noun puts an alef before the last root letter (انفجار، اقتحام، استهداف). The
/// base stem (فعل) and forms II–V are written alike in unvowelled text and their verbal nouns
/// vary, so they stay listed form by form. Hollow verbs (اغتال، استعاد) get the persons whose
/// stem keeps its alef, and their passive, whose alef is written ي (اغتيل، اغتيلت، اغتيلوا،
/// اقتيد، استعيد): the voice reports of a killing or an abduction mostly use; the active and
/// the passive of a sound verb are written alike. The verbal noun of a hollow VII or VIII puts
/// ي for the alef (اغتيال، اقتياد), and is read from the verb or listed alone.
/// Hand-written: no Swift library conjugates Arabic.
enum ArabicInflection {
    private static let alef: Character = "ا"
    private static let yeh: Character = "ي"
    /// The persons of a hollow verb's passive perfect: he, she, they, the two (اغتيل، اغتيلت،
    /// اغتيلوا، اغتيلا، اغتيلتا).
    private static let passivePersons = ["", "ت", "وا", "ا", "تا"]
    /// Letters that are no root consonant of a sound verb: long vowels, hamza seats, ة and ى.
    private static let weak: Set<Character> = ["ا", "و", "ي", "ى", "ة", "ء", "ئ", "ؤ", "أ", "إ", "آ"]

    private enum Pattern {
        /// The perfect of form VII, VIII or X; `hollow` where its middle root letter is an alef.
        case perfect(hollow: Bool)
        /// The verbal noun of form VII, VIII or X.
        case verbalNoun
    }

    static func forms(ofPhrase phrase: String) -> [String] {
        guard !phrase.contains(" "), phrase.unicodeScalars.allSatisfy({ (0x0621...0x064A).contains($0.value) }) else { return [] }
        var letters = Array(phrase)
        if let first = letters.first, ["أ", "إ", "آ"].contains(first) { letters[0] = alef }
        switch pattern(of: letters) {
        case .perfect(let hollow)?:
            var forms = perfectForms(letters, hollow: hollow) + imperfectForms(letters)
            var noun = letters
            if hollow {
                var passive = letters
                passive[passive.count - 2] = yeh
                forms += passivePersons.map { String(passive) + $0 }
                // Form X's hollow noun ends in ة (استعادة), a plural of its own: listed.
                guard !letters.starts(with: ["ا", "س", "ت"]) else { return forms }
                noun[noun.count - 2] = yeh
            }
            noun.insert(alef, at: noun.count - 1)
            return forms + nounForms(noun)
        case .verbalNoun?:
            return nounForms(letters)
        case nil:
            return []
        }
    }

    private static func pattern(of letters: [Character]) -> Pattern? {
        func sound(_ index: Int) -> Bool { !weak.contains(letters[index]) }
        guard letters.first == alef, letters.count >= 5, sound(1), sound(letters.count - 1) else { return nil }
        let isFormX = letters.starts(with: ["ا", "س", "ت"]) && sound(3)
        // VIII: the ت after the first root letter; VII: ن before the root.
        let isFormVIIorVIII = letters[1] != "ل" && (letters[2] == "ت" || (letters[1] == "ن" && sound(2)))
        switch letters.count {
        case 6 where isFormX, 5 where isFormVIIorVIII:
            let middle = letters.count - 2
            if letters[middle] == alef { return .perfect(hollow: true) }
            return sound(middle) ? .perfect(hollow: false) : nil
        case 7 where isFormX, 6 where isFormVIIorVIII:
            let beforeLast = letters.count - 2, middle = letters.count - 3
            // A hollow VII or VIII writes ي for its middle root letter (اغتيال، اقتياد).
            let hollowNoun = letters.count == 6 && letters[middle] == yeh
            return letters[beforeLast] == alef && (sound(middle) || hollowNoun) ? .verbalNoun : nil
        default:
            return nil
        }
    }

    /// The persons of the perfect, with object pronouns on the third persons.
    private static func perfectForms(_ verb: [Character], hollow: Bool) -> [String] {
        let stem = String(verb)
        // The first persons and the feminine plural shorten a hollow stem (اغتلنا): left out there.
        let persons = hollow ? ["ت", "وا", "ا", "تا"] : ["ت", "وا", "ا", "تا", "ن", "نا"]
        let objects = ["ه", "ها", "هم", "وه", "وها", "وهم", "ته", "تها", "تهم"]
        return (persons + objects).map { stem + $0 }
    }

    /// The imperfect: ي ت ن before the stem without its alef, the plural, dual and feminine
    /// endings after it (the subjunctive plural ending -وا too: ليقتحموا), and object pronouns.
    private static func imperfectForms(_ verb: [Character]) -> [String] {
        let stem = String(verb.dropFirst())
        let endings = ["", "ون", "ان", "وا", "ين", "ن", "ه", "ها", "هم", "ونه", "ونها", "ونهم"]
        return ["ي", "ت", "ن"].flatMap { prefix in endings.map { prefix + stem + $0 } }
    }

    /// The verbal noun with its sound plural, its dual (either case) and its accusative. Not
    /// with a possessive pronoun: "their detention" (احتجازهم) mostly names a state or a motive
    /// told before, so such forms are listed one by one where they report an event.
    private static func nounForms(_ noun: [Character]) -> [String] {
        let stem = String(noun)
        return ["", "ات", "ان", "ين", "ا"].map { stem + $0 }
    }
}
