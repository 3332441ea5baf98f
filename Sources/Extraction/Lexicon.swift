import Foundation
import IncidentMapCore
import TextMatching

/// An event trigger: what a phrase reports, in ACLED's taxonomy.
public struct Trigger: Hashable, Sendable {
    /// `nil` for a phrase that reports no event and hides the triggers inside it.
    public var eventType: EventType?
    public var subEventType: String
}

/// A word that shapes how a sentence is read (see `Data/lexicons/cues.tsv`).
public enum Cue: String, Hashable, Sendable {
    case denial, negation
    case clauseStart = "clause-start"
    case near, air, reporting
    case noSplit = "no-split"
    case locative
}

/// A date word (see `Data/lexicons/dates.tsv`).
public enum DateWord: Hashable, Sendable {
    case relative(days: Int)
    case weekday(Int)
    case month(Int)
    case last
    case since
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
                if fields.count == 3, fields[1] == "none" {
                    triggers.insert(fields[0], payload: Trigger(eventType: nil, subEventType: "none"))
                    continue
                }
                guard fields.count == 3, let type = EventType(acledName: fields[1]),
                      let subType = type.canonicalSubEventType(fields[2]) else {
                    throw fail("expected: phrase <tab> ACLED event type <tab> one of its sub-event types")
                }
                triggers.insert(fields[0], payload: Trigger(eventType: type, subEventType: subType))
            case "actors.tsv":
                guard fields.count == 2, !fields[1].isEmpty else { throw fail("expected: phrase <tab> actor") }
                actors.insert(fields[0], payload: fields[1])
            case "cues.tsv":
                guard fields.count == 2, let cue = Cue(rawValue: fields[0]) else {
                    throw fail("expected: kind <tab> phrase, kind one of denial, negation, clause-start, near, air, reporting, no-split, locative")
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
            default:
                return
            }
        }
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
