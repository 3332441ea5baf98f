import Foundation
import Gazetteer
import IncidentMapCore
import TextMatching

/// An event trigger: what a phrase reports, in ACLED's taxonomy.
public struct Trigger: Hashable, Sendable {
    /// `nil` for a phrase that reports no event and hides the triggers inside it.
    public var eventType: EventType?
    public var subEventType: String
}

/// A word that shapes how a sentence is read (see `Data/lexicons/cues.tsv`).
public enum Cue: String, Hashable, Sendable, CaseIterable {
    case denial, negation
    case clauseStart = "clause-start"
    case near, air, reporting
    case noSplit = "no-split"
    case locative
    /// Before a trigger in its clause: the event is planned, threatened or expected, not
    /// reported as having happened (would, plans to, سوف، يعتزم، هدد).
    case future
    /// In a trigger's clause: the event is background from before the report's time (earlier
    /// this year, منذ بداية).
    case background
    /// In a trigger's clause: a running total, not one event (so far, حصيلة، منذ اندلاع).
    case aggregate
    /// Right before a place: the place is part of an actor's name (كتيبة، ثوار، سرايا الدفاع عن).
    case actorBefore = "actor-before"
    /// Right after a place: the place is part of an actor's name (Brigades, -led, Shield).
    case actorAfter = "actor-after"
    /// Right before a place: where people or fire came from, not where the event was
    /// ("reinforcements from Misrata", "القادمة من"), when the sentence names another place.
    case origin
    /// Before a trigger in its clause: what it introduces is the cause of what the sentence
    /// reports, told as background ("على خلفية قصفه", "in response to bombings").
    case cause
    /// A definite noun that refers back to a town named earlier ("the city", "the town",
    /// المدينة): a sentence that names no place of its own is set there.
    case anaphor
    /// A definite noun that refers back to an airport, a base or a port named earlier ("the
    /// airport", المطار): like ``anaphor``, for facilities.
    case facilityAnaphor = "facility-anaphor"
    /// A definite noun that refers back to a square or a landmark named earlier ("the square",
    /// الساحة): like ``anaphor``, for landmarks.
    case landmarkAnaphor = "landmark-anaphor"
    /// Before a trigger in its clause, where the clause is told in the past perfect ("had been
    /// forced to close due to fighting"): the trigger is the cause of an earlier state, history.
    case pastCause = "past-cause"
    /// Right before a place: where a crowd went ("marched to", "led crowds to Martyrs Square",
    /// إلى). For a protest, where it was held.
    case destination
    /// Near an agreement word in its clause: the agreement was made (signed, reached,
    /// brokered, وقع، توصل). An agreement only named ("after two ceasefires collapsed", "as
    /// agreed with …") is no event.
    case concluded
    /// Just before a place: the place is a reference point, not where anything happened ("80
    /// km south of Tripoli", "على طريق طرابلس").
    case reference
    /// A body that sits somewhere (a government, a parliament): a place a few words on, after
    /// في or "in", is its seat ("الحكومة المعترف بها دوليا في العاصمة طرابلس").
    case seat
    /// A few words before a trigger: the event is the aim of what the clause tells, not one
    /// that happened ("in a bid to retake", بهدف تحرير).
    case aim
    /// A few words before a trigger: the event is awaited, feared or to be prevented ("braced
    /// for an assault", "to avert clashes", تحسبا لهجوم، بانتظار).
    case awaited
    /// A few words before a trigger: a charge or a reputation, no dated event ("accused of
    /// kidnapping", "known for", بتهمة الخطف، اشتهر).
    case charge
    /// Right after a trigger: the conflict of the whole country, told as the setting
    /// ("الذي تشهده البلاد", "gripping the country").
    case nationwide
    /// At the head of a sentence: a note of background (يذكر أن، يشار إلى أن); with no day of
    /// its own, what it tells is not the news.
    case backgroundNote = "background-note"
    /// Anywhere in a sentence: the caption of a photograph from the archive ("(أرشيفية)", "file
    /// photo"); what it shows happened before, and is not the news.
    case caption
}

/// A date word (see `Data/lexicons/dates.tsv`).
public enum DateWord: Hashable, Sendable {
    case relative(days: Int)
    case weekday(Int)
    case month(Int)
    case last
    case since
    /// An ordinal day of the month (السابع من جويلية, "the seventh of July").
    case dayOfMonth(Int)
    /// A reporting verb: a day right after it dates the report, not the event ("said on
    /// Monday", "أعلن يوم الاثنين").
    case report
    /// "The day before", "في اليوم السابق": the day before the date the sentence gives.
    case dayBefore
    /// "A day after", "غداة", "بعد يوم من": what the words introduce was the day before the
    /// time the sentence tells. With a day the sentence gives, that day moves back as for
    /// ``dayBefore``; with none (a headline: "الهدوء يسود غريان بعد يوم من الاشتباكات"), the
    /// event they introduce is the day before the report.
    case dayAfter
    /// A day counted in a run ("لليوم الثاني على التوالي", "for the second day running"): names
    /// no date; listed so that its اليوم is not read as "today".
    case dayOfARun
}

/// A date word with how it must be written: Arabic words listed with their article (اليوم
/// "today", الأحد "Sunday") mean that only with it (يوم is "day", أحد "one").
public struct DateEntry: Hashable, Sendable {
    public var word: DateWord
    public var requiresArticle: Bool
}

/// A number word or a death-toll word (see `Data/lexicons/numbers.tsv`).
public enum NumberWord: Hashable, Sendable {
    case number(Int)
    case killedBefore
    case killedAfter
}

/// The lexicons extraction reads, from the files of `Data/lexicons/` built into incidentmap.
public struct Lexicon: Sendable {
    public var triggers = PhraseIndex<Trigger>()
    public var actors = PhraseIndex<String>()
    public var cues = PhraseIndex<Cue>()
    public var dates = PhraseIndex<DateEntry>()
    public var numbers = PhraseIndex<NumberWord>()
    /// The words the sentence rules look for around places, triggers and dates.
    var words = WordLists()

    public init() {}

    /// The built-in lexicons, read once.
    public static func bundled() throws -> Lexicon { try bundledResult.get() }

    private static let bundledResult: Result<Lexicon, LexiconError> = {
        do throws(LexiconError) {
            var lexicon = Lexicon()
            for file in EmbeddedResources.files {
                try lexicon.read(file.text, file: "Data/lexicons/" + file.name)
            }
            return .success(lexicon)
        } catch {
            return .failure(error)
        }
    }()

    /// Reads one lexicon file, chosen by its name.
    public mutating func read(_ text: String, file: String) throws(LexiconError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = number + 1
            let content = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if ["phrase", "kind"].contains(fields[0]) { continue }  // header
            func fail(_ reason: String) -> LexiconError { .badLine(file: file, line: line, reason: reason) }
            switch (file as NSString).lastPathComponent {
            case "triggers.tsv":
                let trigger: Trigger
                // A fourth field "as-written": the phrase's inflected forms are not made; "passive":
                // only its English passive is an event (was shot, were shot), not the phrase itself.
                let asWritten = fields.count == 4 && fields[3] == "as-written"
                let passiveOnly = fields.count == 4 && fields[3] == "passive"
                guard fields.count == 3 || asWritten || passiveOnly else {
                    throw fail("expected: phrase <tab> ACLED event type <tab> one of its sub-event types [<tab> as-written or passive]")
                }
                if fields[1] == "none" {
                    trigger = Trigger(eventType: nil, subEventType: "none")
                } else {
                    guard let type = EventType(acledName: fields[1]), let subType = type.canonicalSubEventType(fields[2]) else {
                        throw fail("expected: phrase <tab> ACLED event type <tab> one of its sub-event types [<tab> as-written or passive]")
                    }
                    trigger = Trigger(eventType: type, subEventType: subType)
                }
                if passiveOnly {
                    for form in EnglishInflection.passiveForms(ofPhrase: fields[0]) {
                        triggers.insert(form, payload: trigger)
                        listedTriggers.insert(Normalizer.keys(of: form))
                    }
                    continue
                }
                triggers.insert(fields[0], payload: trigger)
                listedTriggers.insert(Normalizer.keys(of: fields[0]))
                if !asWritten {
                    for form in EnglishInflection.forms(ofPhrase: fields[0]) + ArabicInflection.forms(ofPhrase: fields[0]) {
                        generatedTriggers.append((form, trigger))
                    }
                }
            case "actors.tsv":
                guard fields.count == 2, !fields[1].isEmpty else { throw fail("expected: phrase <tab> actor") }
                actors.insert(fields[0], payload: fields[1])
            case "cues.tsv":
                guard fields.count == 2, let cue = Cue(rawValue: fields[0]) else {
                    throw fail("expected: kind <tab> phrase, kind one of " + Cue.allCases.map(\.rawValue).joined(separator: ", "))
                }
                cues.insert(fields[1], payload: cue)
            case "dates.tsv":
                guard fields.count >= 2 else { throw fail("expected: kind <tab> phrase <tab> value") }
                let value = fields.count > 2 ? Int(fields[2]) : nil
                let word: DateWord
                switch (fields[0], value) {
                case ("relative", let days?): word = .relative(days: days)
                case ("weekday", let day?) where (1...7).contains(day): word = .weekday(day)
                case ("month", let month?) where (1...12).contains(month): word = .month(month)
                case ("last", _): word = .last
                case ("since", _): word = .since
                case ("day", let day?) where (1...31).contains(day): word = .dayOfMonth(day)
                case ("report", _): word = .report
                case ("day-before", _): word = .dayBefore
                case ("day-after", _): word = .dayAfter
                case ("day-of-run", _): word = .dayOfARun
                default: throw fail("unknown date word kind or value '\(fields[0])'")
                }
                let requiresArticle = fields[1].hasPrefix("ال")
                dates.insert(fields[1], payload: DateEntry(word: word, requiresArticle: requiresArticle))
            case "numbers.tsv":
                guard fields.count >= 2 else { throw fail("expected: kind <tab> phrase <tab> value") }
                switch fields[0] {
                case "number":
                    guard fields.count == 3, let value = Int(fields[2]) else { throw fail("a number needs its value") }
                    numbers.insert(fields[1], payload: .number(value))
                case "killed-before": numbers.insert(fields[1], payload: .killedBefore)
                case "killed-after": numbers.insert(fields[1], payload: .killedAfter)
                default: throw fail("unknown kind '\(fields[0])'")
                }
            case "words.tsv":
                guard fields.count >= 2, let list = WordList.allCases.first(where: { $0.kind == fields[0] }) else {
                    throw fail("expected: kind <tab> word, kind one of " + WordList.allCases.map(\.kind).joined(separator: ", "))
                }
                let count = fields.count > 2 ? Int(fields[2]) : nil
                guard (list == .count) == (count != nil) else { throw fail("a count word, and only one, needs its value") }
                guard words.insert(fields[1], into: list, count: count) else { throw fail("a listed word is one word") }
            default:
                return
            }
        }
        // Inflected forms go in after the whole file, so that a form the file lists itself
        // (with its own type) is never overridden by one made from another entry.
        for (form, trigger) in generatedTriggers where !listedTriggers.contains(Normalizer.keys(of: form)) {
            triggers.insert(form, payload: trigger)
        }
        generatedTriggers = []
    }

    /// Phrases the trigger file lists, by their keys.
    private var listedTriggers: Set<[String]> = []
    /// English and Arabic forms made from the listed triggers, inserted once the file is read.
    private var generatedTriggers: [(String, Trigger)] = []
}

/// A ``Lexicon``'s phrase indexes and the gazetteer's (its names and country cues) as one
/// ``CombinedPhraseIndex``: a text's words are looked up once for all seven (walked one by
/// one, each looked up every word, and tried every unmatched long Arabic word for two words
/// run together; the gazetteer's names were a second walk of every text, its cues a third).
struct LexiconPhrases: Sendable {
    let lexicon: Lexicon
    let gazetteer: Gazetteer
    let combined: CombinedPhraseIndex

    init(_ lexicon: Lexicon, gazetteer: Gazetteer) {
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        combined = CombinedPhraseIndex([lexicon.cues.phrases, lexicon.actors.phrases, lexicon.triggers.phrases,
                                        lexicon.numbers.phrases, lexicon.dates.phrases] + gazetteer.textPhrases)
    }

    /// Each lexicon's matches in `tokens`, as its own index finds them, and the gazetteer's.
    struct Matches {
        var cues: [PhraseMatch<Cue>]
        var actors: [PhraseMatch<String>]
        var triggers: [PhraseMatch<Trigger>]
        var numbers: [PhraseMatch<NumberWord>]
        var dates: [PhraseMatch<DateEntry>]
        /// For ``Gazetteer/resolve(_:tokens:names:)``.
        var names: NameMatches
    }

    func matches(in tokens: [Token]) -> Matches {
        let found = combined.matches(in: tokens)
        return Matches(cues: lexicon.cues.matches(found, member: 0), actors: lexicon.actors.matches(found, member: 1),
                       triggers: lexicon.triggers.matches(found, member: 2), numbers: lexicon.numbers.matches(found, member: 3),
                       dates: lexicon.dates.matches(found, member: 4), names: gazetteer.nameMatches(found, firstMember: 5))
    }
}

/// A lexicon file line that cannot be read.
public enum LexiconError: Error, Equatable, Sendable, CustomStringConvertible {
    case badLine(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .badLine(let file, let line, let reason): return "\(file):\(line): \(reason)"
        }
    }
}
