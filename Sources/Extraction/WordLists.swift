import TextMatching

/// A list of words a sentence rule looks for next to a place, a trigger or a date (see
/// `Data/lexicons/words.tsv`, where each list's use is described).
enum WordList: Int, CaseIterable, Sendable {
    case pointingBack, dayPossessive, coordinator, and, complementiser, seatIntroducer, capital, capitalIntroducer, partOf, building
    case pastPerfect, periodDeterminer, periodLast, period, periodDay, arabicPeriodWithin, arabicPeriod, arabicPeriodPast
    case capitalisedFunction
    case day, beforeReportDay, that, since, of, yearIntroducer, monthIntroducer, night
    case between, hypothetical, expected, premise, toll, progressive, recent, lastUnit, last, year
    case calm, lasting, duration
    /// A number word in a period ("the last few days"), listed with its value.
    case count
    case clashWeapon, exchange, attackWord, civilianTarget, crowdViolence, home, angryCrowd, tollFiller, captive, armedTarget, fireWord, abductee, crowdTarget, inCustody
    /// The role a place plays in its clause (`PlaceRoles.swift`).
    case distanceUnit, directionFiller, arabicSide, withdrawal, toward, speakingBody, speakingBodyAfter, speakingBodyFiller, belongsTo
    case killingWord, bullets, findingWord, body, noAttackAfter
    case unopposed
    case photo, photoCredit
    case nounHomograph, nounAfter, launcher, tookPlace

    /// The list's kind in `words.tsv`.
    var kind: String {
        switch self {
        case .pointingBack: "pointing-back"
        case .dayPossessive: "day-possessive"
        case .photo: "photo"
        case .photoCredit: "photo-credit"
        case .coordinator: "coordinator"
        case .and: "and"
        case .complementiser: "complementiser"
        case .seatIntroducer: "seat-introducer"
        case .capital: "capital"
        case .capitalIntroducer: "capital-introducer"
        case .partOf: "part-of"
        case .building: "building"
        case .pastPerfect: "past-perfect"
        case .periodDeterminer: "period-determiner"
        case .periodLast: "period-last"
        case .period: "period"
        case .periodDay: "period-day"
        case .arabicPeriodWithin: "arabic-period-within"
        case .arabicPeriod: "arabic-period"
        case .arabicPeriodPast: "arabic-period-past"
        case .capitalisedFunction: "capitalised-function"
        case .day: "day"
        case .beforeReportDay: "before-report-day"
        case .that: "that"
        case .since: "since"
        case .of: "of"
        case .yearIntroducer: "year-introducer"
        case .monthIntroducer: "month-introducer"
        case .night: "night"
        case .between: "between"
        case .hypothetical: "hypothetical"
        case .expected: "expected"
        case .premise: "premise"
        case .toll: "toll"
        case .progressive: "progressive"
        case .recent: "recent"
        case .lastUnit: "last-unit"
        case .year: "year"
        case .last: "last"
        case .calm: "calm"
        case .lasting: "lasting"
        case .duration: "duration"
        case .count: "count"
        case .clashWeapon: "clash-weapon"
        case .exchange: "exchange"
        case .attackWord: "attack-word"
        case .civilianTarget: "civilian-target"
        case .crowdViolence: "crowd-violence"
        case .home: "home"
        case .angryCrowd: "angry-crowd"
        case .tollFiller: "toll-filler"
        case .captive: "captive"
        case .armedTarget: "armed-target"
        case .fireWord: "fire-word"
        case .abductee: "abductee"
        case .crowdTarget: "crowd-target"
        case .inCustody: "in-custody"
        case .distanceUnit: "distance-unit"
        case .directionFiller: "direction-filler"
        case .arabicSide: "arabic-side"
        case .withdrawal: "withdrawal"
        case .toward: "toward"
        case .speakingBody: "speaking-body"
        case .speakingBodyAfter: "speaking-body-after"
        case .speakingBodyFiller: "speaking-body-filler"
        case .belongsTo: "belongs-to"
        case .unopposed: "unopposed"
        case .nounHomograph: "noun-homograph"
        case .nounAfter: "noun-after"
        case .launcher: "launcher"
        case .tookPlace: "took-place"
        case .killingWord: "killing-word"
        case .bullets: "bullets"
        case .findingWord: "finding-word"
        case .body: "body"
        case .noAttackAfter: "no-attack-after"
        }
    }

    /// One bit per list: 128 bits, as there are more than 64 lists (with too few bits the
    /// next list's bit shifts out to 0, so a word is never found in it; a test guards this).
    var bit: UInt128 { 1 << UInt128(rawValue) }
}

/// The word lists, keyed by a word's folded letters (``Token/folded``): a rule asks whether a
/// token is in a list without making a string of it. The rules used to compare
/// ``Token/foldedText`` (a new string per question) with sets of string literals.
struct WordLists: Sendable {
    private struct Entry: Sendable {
        var lists: UInt128 = 0
        var count: Int?
    }

    /// The words and their lists, found by ``LetterTable``: the rules ask about the words around
    /// every trigger, place and date, and a `Dictionary` keyed by `Letters` ran `Hasher` (its
    /// seeding and finalising) on each question, a twentieth of extraction's time.
    private var table = LetterTable<Entry>()
    /// The lists of the one-letter words (و ف), asked of a word's first letter.
    private var singleLetters: [Unicode.Scalar: UInt128] = [:]
    /// The longest word listed: a longer token is in no list, and is not hashed to find that out.
    private var longest = 0

    /// Adds `word`, folded as text is, to `list`; `false` when `word` is not one token.
    mutating func insert(_ word: String, into list: WordList, count: Int? = nil) -> Bool {
        let tokens = Tokenizer.tokens(in: word)
        guard tokens.count == 1, let folded = tokens.first?.folded else { return false }
        table.update(folded, default: Entry()) { entry in
            entry.lists |= list.bit
            if let count { entry.count = count }
        }
        longest = max(longest, folded.count)
        if folded.count == 1 { singleLetters[folded[0], default: 0] |= list.bit }
        return true
    }

    /// The lists `token` is in, as one bit per ``WordList``.
    @inline(__always)
    func lists(of token: borrowing Token) -> UInt128 {
        guard token.folded.count <= longest else { return 0 }
        return table[token.folded]?.lists ?? 0
    }

    /// Whether `token` is a word of `list`.
    @inline(__always)
    func contains(_ token: borrowing Token, in list: WordList) -> Bool {
        lists(of: token) & list.bit != 0
    }

    /// Whether `token` begins with a one-letter word of `list` written joined to it (و in
    /// والخميس): the phrase index matched the rest with the clitic detached.
    func beginsWithClitic(_ token: Token, in list: WordList) -> Bool {
        guard token.folded.count > 1, let first = token.folded.first else { return false }
        return (singleLetters[first] ?? 0) & list.bit != 0
    }

    /// Whether `token` is a word of `list` once the proclitic the phrase index detached from it
    /// (و in وهاجموا) is taken off, or as written.
    func contains(_ token: Token, in list: WordList, detachedClitic: Bool) -> Bool {
        if contains(token, in: list) { return true }
        guard detachedClitic, token.folded.count > 1, token.folded.count - 1 <= longest else { return false }
        return (table[token.folded.droppingFirst()]?.lists ?? 0) & list.bit != 0
    }

    /// The index of the first word of `list` within `before` words before `span` or `after` words
    /// after it, inside `bounds` (the sentence, or the whole text), the words of `span` itself
    /// not asked: the one "a word of list L within N tokens of the trigger" question the rules
    /// of trigger typing and event status ask, each with its own reach. With `detachedClitic`, a
    /// word also counts with a one-letter proclitic joined to it (see
    /// ``contains(_:in:detachedClitic:)``).
    func firstIndex(of list: WordList, in tokens: [Token], around span: Range<Int>, before: Int, after: Int,
                    within bounds: Range<Int>, detachedClitic: Bool = false) -> Int? {
        let start = max(bounds.lowerBound, span.lowerBound - before), end = min(bounds.upperBound, span.upperBound + after)
        guard start < end else { return nil }
        return (start..<end).first { !span.contains($0) && contains(tokens[$0], in: list, detachedClitic: detachedClitic) }
    }

    /// Whether a word of `list` stands within `before` words before `span` or `after` words after
    /// it, inside `bounds` (see ``firstIndex(of:in:around:before:after:within:detachedClitic:)``).
    func has(_ list: WordList, in tokens: [Token], around span: Range<Int>, before: Int, after: Int,
             within bounds: Range<Int>) -> Bool {
        firstIndex(of: list, in: tokens, around: span, before: before, after: after, within: bounds) != nil
    }

    /// The value of `token` as a ``WordList/count`` word.
    func count(_ token: borrowing Token) -> Int? {
        guard token.folded.count <= longest else { return nil }
        return table[token.folded]?.count
    }
}
