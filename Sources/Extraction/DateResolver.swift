import IncidentMapCore
import TextMatching

/// A date read from a sentence, with ACLED's precision and how it was read.
public struct ResolvedDate: Hashable, Sendable {
    public var date: IncidentDate
    public var precision: TimePrecision
    /// How the date was found, in words ("أمس: the day before publication").
    public var reason: String
    /// The sentence stated no date: this one was carried over from the article (its last
    /// date, or the publication date).
    public var isCarriedOver = false
    /// Carried over from the report: the article gave no date before the sentence, and this is
    /// the publication date or the day the sentence's reporting verb gives.
    public var isPublicationDate = false
    /// The date starts a span that runs to the report ("since 4 April", "منذ الخميس"): what the
    /// sentence tells has gone on since then.
    public var isSince = false
    /// Further days the sentence gives the same event ("on 5 and 6 June"): ACLED codes an
    /// event per day, so each becomes an incident of its own.
    public var alsoOn: [IncidentDate] = []
}

extension ResolvedDate {
    /// Told as history, not the news a report of `published` reports: more than six weeks
    /// before it, or a span running from more than a week before it ("Since 4 April Tripoli has
    /// seen battles", told two weeks on: a campaign going on; "clashes since Sunday" is news).
    func tellsHistory(publishedOn published: IncidentDate?) -> Bool {
        guard let published else { return false }
        return date < published.adding(days: -45) || (isSince && date < published.adding(days: -7))
    }
}

/// A set of token positions (those inside place names, or inside actors' names), looked up in
/// constant time: a date word inside a place's name is part of the name (سوق الجمعة). Asking
/// every word against every name of the article grew with the square of a long text.
struct TokenMask {
    private var marked: [Bool] = []

    init() {}

    init(_ ranges: [Range<Int>], tokenCount: Int) {
        marked = Array(repeating: false, count: tokenCount)
        for range in ranges {
            for index in range where index < tokenCount { marked[index] = true }
        }
    }

    func contains(_ index: Int) -> Bool { index >= 0 && index < marked.count && marked[index] }
}

/// Reads the date expressions of one sentence and resolves them against the publication date:
/// explicit dates in Arabic and English (Arabic-Indic digits too), relative days (أمس، أول أمس،
/// yesterday), weekdays ("الخميس الماضي", "last Thursday", "on Monday", "منذ الخميس").
struct DateResolver {
    let lexicon: Lexicon
    /// The day relative words ("yesterday", أمس, "on Monday") are read against: the publication
    /// date, or the day a dateline says the report was filed.
    var published: IncidentDate?

    /// The date the sentence states, or `nil` when it states none. A relative date without a
    /// publication date is reported as `.unresolvable`.
    enum Outcome {
        case none
        case resolved(ResolvedDate)
        case unresolvable(String)
        /// The sentence states no day for its event, only the day of its report ("…, officials
        /// said on Monday"): a bound for an event that has no day of its own.
        case reported(ResolvedDate)
    }

    /// `names` are token ranges of place names: a weekday inside one (سوق الجمعة, the Friday
    /// market) is a name, not a date.
    /// `matches` are the article's date words (``Lexicon/dates`` matched once for the whole
    /// text); those of the sentence are read.
    func date(in sentence: Sentence, tokens: [Token], text: [Unicode.Scalar], names: TokenMask = TokenMask(),
              matches articleMatches: [PhraseMatch<DateEntry>]? = nil) -> Outcome {
        let sentenceMatches = articleMatches.map { Self.matches($0, in: sentence) }
        // Every date this reader makes is built from a date word or from digits (a day, a
        // year, 2019-04-08): a sentence with neither states none, and most sentences are such.
        // Told from the tokens and matches already made, before any of the scanning below.
        if let sentenceMatches, sentenceMatches.isEmpty, !Self.hasDigits(tokens, in: sentence.tokens) { return .none }
        let outcome = statedDate(in: sentence, tokens: tokens, text: text, names: names, matches: sentenceMatches)
        guard case .resolved(let resolved) = outcome, let matches = sentenceMatches else { return outcome }
        return .resolved(dayBefore(resolved, matches: matches))
    }

    /// "… on Thursday … gunmen who fired at crowds the day before": the day before `resolved`,
    /// where `matches` (the words of the part that tells the event) say "the day before".
    private func dayBefore(_ resolved: ResolvedDate, matches: [PhraseMatch<DateEntry>]) -> ResolvedDate {
        guard resolved.precision == .day, matches.contains(where: { match in
            match.payloads.contains { $0.word == .dayBefore || $0.word == .dayAfter }
        }) else { return resolved }
        return ResolvedDate(date: resolved.date.adding(days: -1), precision: .day,
                            reason: resolved.reason + ", the day before: \(resolved.date.adding(days: -1))")
    }

    /// "الهدوء يسود غريان بعد يوم من الاشتباكات", "Calm returns, a day after clashes": in a
    /// sentence dated only by the report (a headline, a lead), the event a "day after" phrase
    /// introduces (its trigger at most three words after the phrase) was the day before the
    /// report. `nil` where the words are not there or the sentence's date is another.
    func dayBeforeTheReport(for trigger: Int, in sentence: Sentence, date: ResolvedDate?,
                            matches: [PhraseMatch<DateEntry>]) -> ResolvedDate? {
        guard let date, date.isPublicationDate else { return nil }
        let phrase = Self.matches(matches, in: sentence).last { match in
            match.payloads.contains { $0.word == .dayAfter }
                && match.firstToken + match.tokenCount <= trigger && trigger - (match.firstToken + match.tokenCount) <= 3
        }
        guard phrase != nil else { return nil }
        let day = date.date.adding(days: -1)
        return ResolvedDate(date: day, precision: .day, reason: "told as a day before the report's time: \(day)")
    }

    /// The date that governs the clause `clause` of `sentence`, where it is not the sentence's:
    /// the time expression of the clause itself ("Fighting broke out late on Sunday" in "…, medics
    /// said on Monday"), else the one set before a comma at the head of the sentence ("On
    /// Sunday, …", "Late on Friday, …"), which governs the whole sentence. `nil` where the
    /// sentence has one clause or neither clause states a date: the sentence's date governs.
    func governingDate(ofClause clause: Range<Int>, in sentence: Sentence, tokens: [Token], text: [Unicode.Scalar],
                       names: TokenMask, matches: [PhraseMatch<DateEntry>]) -> ResolvedDate? {
        guard sentence.clauses.count > 1 else { return nil }
        for candidate in [clause, sentence.clauses[0]] where candidate.lowerBound <= clause.lowerBound && !candidate.isEmpty {
            if case .resolved(let resolved) = date(in: Self.part(candidate, tokens: tokens), tokens: tokens, text: text,
                                                   names: names, matches: matches) {
                // "On Monday, officials said clashes erupted the day before": the clause counts back.
                return candidate == clause ? resolved
                    : dayBefore(resolved, matches: Self.matches(matches, in: Self.part(clause, tokens: tokens)))
            }
        }
        return nil
    }

    /// Whether a token of `range` is written in digits. Reads each token's script in place
    /// (indices, not a copied token per word).
    static func hasDigits(_ tokens: [Token], in range: Range<Int>) -> Bool {
        for index in range where tokens[index].script == .digits { return true }
        return false
    }

    /// A clause read as a sentence of its own.
    private static func part(_ clause: Range<Int>, tokens: [Token]) -> Sentence {
        Sentence(tokens: clause, clauses: [clause], start: tokens[clause.lowerBound].start, end: tokens[clause.upperBound - 1].end)
    }

    /// The article's matches (in text order) that lie within the sentence, found by halving:
    /// scanning the whole article's for every sentence grew with the square of a long text.
    static func matches(_ matches: [PhraseMatch<DateEntry>], in sentence: Sentence) -> [PhraseMatch<DateEntry>] {
        var low = 0, high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle].firstToken < sentence.tokens.lowerBound { low = middle + 1 } else { high = middle }
        }
        var inSentence: [PhraseMatch<DateEntry>] = []
        while low < matches.count, matches[low].firstToken < sentence.tokens.upperBound {
            if matches[low].firstToken + matches[low].tokenCount <= sentence.tokens.upperBound { inSentence.append(matches[low]) }
            low += 1
        }
        return inSentence
    }

    /// What an Arabic word listed with its article begins with when it is written with it: ال,
    /// or a proclitic before it (بال، وال، فال; لل for ل + ال). واحد is "one", not و + أحد.
    static let articledPrefixes: [[Unicode.Scalar]] = ["ال", "بال", "وال", "فال", "لل"].map { Array($0.unicodeScalars) }

    /// How many words may stand between a reporting verb and a day that dates the report where
    /// the sentence gives another day (its subject, "فجر": أعلن التنظيم فجر اليوم; a group's name
    /// and its short name: أعلن تنظيم الدولة الإسلامية داعش اليوم).
    static let reportDayReach = 5

    /// How many words may stand between a day and the reporting verb after it that it dates
    /// (the verb's subject: "Today it claimed", "On Monday the ministry said").
    static let reportSubjectReach = 3

    /// `foundMatches`: the date words of the sentence, when already found.
    private func statedDate(in sentence: Sentence, tokens: [Token], text: [Unicode.Scalar], names: TokenMask,
                            matches foundMatches: [PhraseMatch<DateEntry>]?) -> Outcome {
        // Indexes stay the article's: the sentence's tokens are a slice, not a copy.
        let slice = tokens[sentence.tokens]
        let sentenceMatches = foundMatches ?? lexicon.dates.matches(in: Array(slice)).map { match in
            var absolute = match
            absolute.firstToken += sentence.tokens.lowerBound
            return absolute
        }
        let outsideNames = sentenceMatches.filter { !names.contains($0.firstToken) }
        // A date written out dates the sentence, but for one that opens a span ("the terminals
        // they have held since September"): a day the sentence gives its event ("on Friday")
        // is then the event's, and the span's start only where it gives none.
        // "[Libya, 8 August 2019] – The murder … took place on Wednesday morning": the date of
        // a bracketed head that opens the sentence is the report's; the body's date, or a day
        // the body gives, dates the event, and the head's only where the body gives none.
        let head = Self.bracketedHeadEnd(of: sentence, tokens: tokens, text: text)
        let explicit = head.map { end in
            explicitDate(tokens[end..<sentence.tokens.upperBound], text: text, matches: outsideNames.filter { $0.firstToken >= end },
                         names: names, article: tokens)
        } ?? explicitDate(slice, text: text, matches: outsideNames, names: names, article: tokens)
        if let explicit, !explicit.isSince { return .resolved(explicit) }
        // Arabic words listed with their article count only when written with it, or after يوم.
        let words = sentenceMatches.compactMap { match -> PhraseMatch<DateWord>? in
            guard !names.contains(match.firstToken) else { return nil }
            let token = slice[match.firstToken]
            // واحد is "one", not و + أحد: a detached proclitic must be one that carries ال.
            let articled = Self.articledPrefixes.contains { token.folded.starts(with: $0) }
            let afterDay = !match.detachedClitic && match.firstToken > slice.startIndex
                && lexicon.words.contains(slice[match.firstToken - 1], in: .day)
            let hasArticle = token.script != .arabic || articled || afterDay
            let payloads = match.payloads.filter { !$0.requiresArticle || hasArticle }.map(\.word)
            guard !payloads.isEmpty else { return nil }
            return match.withPayloads(payloads)
        }
        // A day right after a reporting verb ("said on Monday", "قال يوم الاثنين") dates the report.
        let reports = words.filter { $0.payloads.contains(.report) }
        func datesTheReport(_ match: PhraseMatch<DateWord>) -> Bool {
            reports.contains { report in
                let gap = match.firstToken - (report.firstToken + report.tokenCount)
                guard gap >= 0, gap <= 1 else { return false }
                return gap == 0 || lexicon.words.contains(tokens[match.firstToken - 1], in: .beforeReportDay)
            }
        }
        // "أعلنت الوزارة السبت أن مجهولين خطفوا الجمعة", "said Saturday that …": a day right before
        // the reporting verb's "that" is the report's, where the sentence gives another day.
        func isBeforeThat(_ match: PhraseMatch<DateWord>) -> Bool {
            let after = match.firstToken + match.tokenCount
            return after < sentence.tokens.upperBound && lexicon.words.contains(tokens[after], in: .that)
        }
        // "أعلن التنظيم فجر اليوم الإثنين تبنيه للتفجير الذي وقع مساء الأمس الأحد": a day a few
        // words after a reporting verb is the report's too, where the sentence gives another day.
        // The words between are the report's subject ("أعلن تنظيم الدولة الإسلامية (داعش) اليوم"),
        // not the reported clause: no "that" among them.
        func followsAReport(_ match: PhraseMatch<DateWord>) -> Bool {
            reports.contains { report in
                let after = report.firstToken + report.tokenCount
                return (0...Self.reportDayReach).contains(match.firstToken - after)
                    && !(after..<match.firstToken).contains { lexicon.words.contains(tokens[$0], in: .that) }
            }
        }
        // "Today it claimed that last night …", "On Monday the ministry said": a day a few words
        // before a reporting verb (its subject between) is the report's too, where the sentence
        // gives another day.
        func precedesAReport(_ match: PhraseMatch<DateWord>) -> Bool {
            let end = match.firstToken + match.tokenCount
            return reports.contains { report in
                (0...Self.reportSubjectReach).contains(report.firstToken - end)
                    && !(end..<report.firstToken).contains { lexicon.words.contains(tokens[$0], in: .that) }
            }
        }
        func isTheReportsDay(_ match: PhraseMatch<DateWord>) -> Bool {
            isBeforeThat(match) || followsAReport(match) || precedesAReport(match)
        }
        let hasEventDay = words.contains { match in
            !datesTheReport(match) && !isTheReportsDay(match) && match.payloads.contains {
                switch $0 { case .relative, .weekday: return true; default: return false }
            }
        }
        /// The day `match`, the `position`th date word of the sentence, gives; `nil` for words that give none.
        func day(of match: PhraseMatch<DateWord>, at position: Int) -> Outcome? {
            let phrase = String(scalars: text[match.start..<match.end])
            for word in match.payloads {
                switch word {
                case .relative(let days):
                    guard let published else { return .unresolvable(phrase) }
                    // "اليوم الجمعة", "today, Friday": the weekday says which day.
                    if position + 1 < words.count, words[position + 1].firstToken <= match.firstToken + match.tokenCount + 1,
                       words[position + 1].payloads.contains(where: { if case .weekday = $0 { return true } else { return false } }) {
                        continue
                    }
                    let label = days == 0 ? "the publication day" : days == -1 ? "the day before publication" : "\(-days) days before publication"
                    return .resolved(ResolvedDate(date: published.adding(days: days), precision: .day,
                                                  reason: "\(phrase): \(label)"))
                case .weekday(let weekday):
                    guard let published else { return .unresolvable(phrase) }
                    let previous = position > 0 ? words[position - 1] : nil
                    let next = position + 1 < words.count ? words[position + 1] : nil
                    let adjacentBefore = previous.map { $0.firstToken + $0.tokenCount == match.firstToken } ?? false
                    let adjacentAfter = next.map { $0.firstToken == match.firstToken + match.tokenCount } ?? false
                    let isLast = (adjacentAfter && next!.payloads.contains(.last)) || (adjacentBefore && previous!.payloads.contains(.last))
                    let isSince = (adjacentBefore && previous!.payloads.contains(.since))
                        || (position >= 2 && words[position - 2].payloads.contains(.since) && previous!.payloads.contains(.last))
                    // "on Monday" in a Tuesday paper is yesterday; "last Thursday" is never today.
                    var back = (published.isoWeekday - weekday + 7) % 7
                    if isLast && back == 0 { back = 7 }
                    let day = published.adding(days: -back)
                    var resolved = ResolvedDate(date: day, precision: isSince ? .week : .day,
                                                reason: "\(phrase)\(isLast ? " (last)" : "")\(isSince ? ", since then" : ""): \(day)",
                                                isSince: isSince)
                    if !isSince, let next, let second = secondDay(after: match, day: day, next: next, tokens: tokens) {
                        resolved.alsoOn = [second]
                        resolved.reason += " and \(second)"
                    }
                    return .resolved(resolved)
                default:
                    continue
                }
            }
            return nil
        }
        for (position, match) in words.enumerated()
        where !datesTheReport(match) && !(hasEventDay && isTheReportsDay(match)) {
            if let outcome = day(of: match, at: position) {
                // The span's start over a day that opens a span too ("since Tuesday").
                if let explicit, case .resolved(let day) = outcome, day.isSince { return .resolved(explicit) }
                return outcome
            }
        }
        if let explicit { return .resolved(explicit) }
        if head != nil, let headDate = explicitDate(slice, text: text, matches: outsideNames, names: names, article: tokens) {
            return .resolved(headDate)
        }
        if let history = yearBeforeTheReport(slice) { return history }
        // "Protesters set fire to the building, a security source said Sunday": the sentence gives
        // its event no day, but the report's day bounds it better than the publication date does.
        for (position, match) in words.enumerated() where datesTheReport(match) {
            if case .resolved(let reported)? = day(of: match, at: position), reported.precision == .day {
                return .reported(ResolvedDate(date: reported.date, precision: .day,
                                              reason: "not stated; the day of the report, \(reported.reason)",
                                              isCarriedOver: true, isPublicationDate: true))
            }
        }
        return .none
    }

    /// Where a bracketed head that opens `sentence` ends ("[Libya, 8 August 2019] –", "(Tripoli,
    /// 3 May) -"): the index of the first token after it, where a dash follows the bracket.
    static func bracketedHeadEnd(of sentence: Sentence, tokens: [Token], text: [Unicode.Scalar]) -> Int? {
        // The bracket closes near the start (a clause of the head may start inside it: "9 April
        // 2019] – …"), a dash after it.
        guard let close = (sentence.start..<min(sentence.end, sentence.start + 60)).first(where: { index in
            guard text[index] == "]" || text[index] == ")" else { return false }
            var after = index + 1
            while after < sentence.end, text[after] == " " { after += 1 }
            return after < sentence.end && ["-", "\u{2013}", "\u{2014}"].contains(text[after])
        }) else { return nil }
        // It opens where a line or a sentence begins.
        let opening: Unicode.Scalar = text[close] == "]" ? "[" : "("
        guard let open = stride(from: close - 1, through: max(0, close - 60), by: -1).first(where: { text[$0] == opening }) else { return nil }
        var before = open
        while before > 0, text[before - 1] == " " { before -= 1 }
        guard before == 0 || ["\n", ".", "!", "?", "\u{061F}"].contains(text[before - 1]) else { return nil }
        return sentence.tokens.first { tokens[$0].start > close }
    }

    /// The second of two days joined by "and" ("on Wednesday and Thursday", يومي الأربعاء
    /// والخميس): the text reports each day, and ACLED codes an event per day. Two days after a
    /// night word ("the night between Thursday and Friday", ليلة الخميس والجمعة) are one night,
    /// dated by its first day (ACLED codes the start), as is a range ("Thursday to Friday",
    /// "from Monday until Wednesday"), which is never joined by "and".
    private func secondDay(after match: PhraseMatch<DateWord>, day: IncidentDate, next: PhraseMatch<DateWord>,
                           tokens: [Token]) -> IncidentDate? {
        guard let published, case .weekday(let weekday)? = next.payloads.first(where: {
            if case .weekday = $0 { return true } else { return false }
        }) else { return nil }
        let end = match.firstToken + match.tokenCount
        // "Wednesday and Thursday": "and" between; "الأربعاء والخميس": و joined to the second.
        let joined = next.firstToken == end + 1 && lexicon.words.contains(tokens[end], in: .and)
            || next.firstToken == end && next.detachedClitic && lexicon.words.beginsWithClitic(tokens[next.firstToken], in: .and)
        guard joined else { return nil }
        let opening = tokens[max(0, match.firstToken - 3)..<match.firstToken]
        guard !opening.contains(where: { lexicon.words.contains($0, in: .night) }) else { return nil }
        let second = day.adding(days: (weekday - day.isoWeekday + 7) % 7)
        guard second > day, second <= published else { return nil }
        return second
    }

    /// A year alone, introduced ("منذ انتفاضة عام 2011", "in 2014", "since 2011"), before the
    /// year of the report: what the sentence tells is history (ACLED's time precision 3). Read
    /// only when the sentence gives no day or month: "yesterday, the worst since 2011" is
    /// yesterday's.
    func yearBeforeTheReport(_ tokens: ArraySlice<Token>) -> Outcome? {
        guard let published else { return nil }
        for index in tokens.indices.dropFirst() where tokens[index].script == .digits {
            guard let year = Int(tokens[index].key), (1900..<published.year).contains(year),
                  lexicon.words.contains(tokens[index - 1], in: .yearIntroducer),
                  let date = try? IncidentDate(year: year, month: 7, day: 1) else { continue }
            return .resolved(ResolvedDate(date: date, precision: .monthOrMore, reason: "stated: the year \(year)"))
        }
        return nil
    }

    /// Dates written out: 8 April 2019, April 8, 2019, 8 أبريل 2019, ٨ أبريل, 2019-04-08, 8/4/2019.
    /// `article`: all the article's tokens, where `tokens` is a clause of it: the year of
    /// "October 17, 2011" is read past the comma that ends the clause.
    func explicitDate(_ tokens: ArraySlice<Token>, text: [Unicode.Scalar], matches: [PhraseMatch<DateEntry>],
                      names: TokenMask = TokenMask(), article: [Token]? = nil) -> ResolvedDate? {
        let words = matches.map { $0.withPayloads($0.payloads.map(\.word)) }
        let months = words.filter { $0.payloads.contains { if case .month = $0 { return true } else { return false } } }
        let ordinals = words.filter { $0.payloads.contains { if case .dayOfMonth = $0 { return true } else { return false } } }
        func number(_ index: Int) -> Int? {
            guard tokens.indices.contains(index), !names.contains(index) else { return nil }
            return Self.number(tokens[index])
        }
        func year(_ index: Int) -> Int? {
            if let year = number(index) { return year > 1900 ? year : nil }
            guard index == tokens.endIndex, let article, article.indices.contains(index), !names.contains(index),
                  article[index].script == .digits, let year = Int(article[index].key), year > 1900 else { return nil }
            return year
        }
        func separator(after index: Int) -> String {
            guard index + 1 < tokens.endIndex else { return "" }
            return String(scalars: text[tokens[index].end..<tokens[index + 1].start])
        }
        for match in months {
            guard case .month(let month)? = match.payloads.first(where: { if case .month = $0 { return true } else { return false } }) else { continue }
            let before = match.firstToken - 1, after = match.firstToken + match.tokenCount
            if let day = number(before), (1...31).contains(day) {
                let year = year(after)
                // "On 5 and 6 June", "يومي 5 و6 يونيو": the first day, the second as well.
                if before - 2 >= tokens.startIndex, lexicon.words.contains(tokens[before - 1], in: .and),
                   let first = number(before - 2), (1...31).contains(first), first < day,
                   var date = make(day: first, month: month, year: year), let second = make(day: day, month: month, year: year) {
                    date.alsoOn = [second.date]
                    date.reason = "stated: \(date.date) and \(second.date)"
                    return date
                }
                // "13 June – 19 June", "5 – 11 June", "31 Jul – 6 Aug": a span (a weekly
                // report's), not the day of an event: dated by its first day, and yielding to
                // the day a sentence gives when they are the same event.
                func isDash(_ gap: String) -> Bool { gap.contains { ["-", "\u{2013}", "\u{2014}"].contains($0) } }
                let lastToken = match.firstToken + match.tokenCount - 1
                if before - 1 >= tokens.startIndex, let first = number(before - 1), (1...31).contains(first), first < day,
                   isDash(separator(after: before - 1)), let start = make(day: first, month: month, year: year) {
                    return ResolvedDate(date: start.date, precision: .week, reason: "a span from \(start.date)", isCarriedOver: true)
                }
                if let next = number(after), (1...31).contains(next), isDash(separator(after: lastToken)),
                   months.contains(where: { $0.firstToken == after + 1 }), let start = make(day: day, month: month, year: year) {
                    return ResolvedDate(date: start.date, precision: .week, reason: "a span from \(start.date)", isCarriedOver: true)
                }
                var date = make(day: day, month: month, year: year)
                date?.isSince = before > tokens.startIndex && lexicon.words.contains(tokens[before - 1], in: .since)
                return date
            }
            if let day = number(after), (1...31).contains(day) {
                return make(day: day, month: month, year: year(after + 1))
            }
            // "the 6th of April": a day, "of", the month.
            if before - 1 >= tokens.startIndex, lexicon.words.contains(tokens[before], in: .of),
               let day = number(before - 1), (1...31).contains(day) {
                return make(day: day, month: month, year: year(after))
            }
            // السابع من جويلية: an ordinal day, من, the month.
            if match.firstToken >= tokens.startIndex + 2, lexicon.words.contains(tokens[match.firstToken - 1], in: .of),
               let ordinal = ordinals.last(where: { $0.firstToken + $0.tokenCount == match.firstToken - 1 }),
               case .dayOfMonth(let day)? = ordinal.payloads.first(where: { if case .dayOfMonth = $0 { return true } else { return false } }) {
                return make(day: day, month: month, year: year(after))
            }
        }
        // A month with no day: "in May", "منذ أبريل", "March 2011" (time_precision 3).
        for match in months {
            guard case .month(let month)? = match.payloads.first(where: { if case .month = $0 { return true } else { return false } }),
                  number(match.firstToken - 1) == nil, number(match.firstToken + match.tokenCount).map({ $0 > 1900 }) ?? true else { continue }
            let token = tokens[match.firstToken]
            let after = match.firstToken + match.tokenCount
            // "November last year", "نوفمبر من العام الماضي": the year before the report's;
            // "نوفمبر الماضي", "last November": the last one before the report.
            let lastAfter = (after..<min(after + 4, tokens.endIndex)).first { lexicon.words.contains(tokens[$0], in: .last) }
            let isLastYear = lastAfter.map { last in
                (after..<min(last + 2, tokens.endIndex)).contains { lexicon.words.contains(tokens[$0], in: .year) }
            } ?? false
            let year = number(after) ?? (isLastYear ? published.map { $0.year - 1 } : nil)
            let introduced = match.firstToken > tokens.startIndex && lexicon.words.contains(tokens[match.firstToken - 1], in: .monthIntroducer)
                || lastAfter == after
                || (match.firstToken > tokens.startIndex && lexicon.words.contains(tokens[match.firstToken - 1], in: .last))
            guard year != nil || introduced, token.script != .latin || token.isCapitalised else { continue }
            guard let chosenYear = year ?? published?.year, var date = try? IncidentDate(year: chosenYear, month: month, day: 15) else { continue }
            if year == nil, let published, date > published, let earlier = try? IncidentDate(year: chosenYear - 1, month: month, day: 15) {
                date = earlier
            }
            if let published, date > published { date = published }
            // "Since November, jets have carried out strikes on …", "منذ شهر أبريل": a campaign
            // running from that month to the report, like "since 4 April", not an event of the month.
            let isSince = introduced && (lexicon.words.contains(tokens[match.firstToken - 1], in: .since)
                || (match.firstToken - 2 >= tokens.startIndex && lexicon.words.contains(tokens[match.firstToken - 2], in: .since)))
            return ResolvedDate(date: date, precision: .monthOrMore,
                                reason: "stated: a month, \(date.year)-\(month)\(isSince ? ", since then" : "")", isSince: isSince)
        }
        for index in tokens.indices {
            // Most words are neither digits nor Latin (an ordinal): no number, and not copied to ask.
            let script = tokens[index].script
            guard script == .digits || script == .latin,
                  let first = number(index), let second = number(index + 1), let third = number(index + 2) else { continue }
            let separators = (separator(after: index), separator(after: index + 1))
            if separators == ("-", "-"), first > 1900 { return make(day: third, month: second, year: first) }
            if separators == ("/", "/"), third > 1900 { return make(day: first, month: second, year: third) }
        }
        return nil
    }

    /// The number a token writes: digits, or an English ordinal day ("12th", "1st").
    static func number(_ token: borrowing Token) -> Int? {
        if token.script == .digits { return Int(token.key) }
        let key = token.key
        guard token.script == .latin, key.count >= 3, ["st", "nd", "rd", "th"].contains(String(key.suffix(2))) else { return nil }
        return Int(key.dropLast(2))
    }

    private func make(day: Int, month: Int, year: Int?) -> ResolvedDate? {
        guard let chosenYear = year ?? published?.year else { return nil }
        guard var date = try? IncidentDate(year: chosenYear, month: month, day: day) else { return nil }
        if year == nil, let published, date > published {
            guard let earlier = try? IncidentDate(year: chosenYear - 1, month: month, day: day) else { return nil }
            date = earlier
        }
        return ResolvedDate(date: date, precision: .day, reason: "stated: \(date)")
    }
}
