import TextMatching

/// Status rules read from the cue phrases and words of a trigger's own clause, beside the
/// words right around it (`EventStatusWording.swift`): a news report explains itself with
/// aims, fears, charges, the country's war and spans of weeks, and none of those is an event
/// of the report's day. Each rule asks how the clause is built around the trigger (a cue a
/// few words before it, a word right after it), never which article it is; each gives what
/// ACLED's coding would, and `nil` leaves the trigger to the other rules.
extension IncidentExtractor {
    /// How many words may stand between a cue and the trigger it governs ("braced for [an]
    /// assault", "in a bid to [fully] retake", تحسبا [لأي] هجوم).
    static let cueReach = 3

    /// The status the clause's cues and words give `trigger`, or `nil` when they give none.
    ///
    /// - `planned`: the event is the aim of what the clause tells ("an operation to retake",
    ///   بهدف تحرير, لاستعادة السيطرة), or is awaited, feared or to be prevented ("braced for an
    ///   assault", "to avert clashes", تحسبا لهجوم).
    /// - `background`: a charge or a reputation ("is accused of kidnapping", اشتهر بمشاركته في
    ///   المظاهرات), the whole country's conflict (القتال الذي تشهده البلاد), or a sentence that
    ///   opens as a note of background (يذكر أن) and states no day of its own, or the caption of
    ///   a photograph from the archive (أرشيفية).
    /// - `negated`: the fighting was quiet ("fighting was subdued on Wednesday").
    /// - `aggregate`: the event is a total over a span of weeks ("the fighting, which lasted two
    ///   weeks", القتال الذي دام نحو أسبوعين).
    func statusFromClause(of trigger: PhraseMatch<Trigger>, cues: [PhraseMatch<Cue>], tokens: [Token],
                          sentence: Range<Int>, statesItsDay: Bool) -> EventStatus? {
        let first = trigger.firstToken
        let end = first + trigger.tokenCount
        for cue in cues {
            let cueEnd = cue.firstToken + cue.tokenCount
            let governs = cueEnd <= first && first - cueEnd <= Self.cueReach
            if governs, cue.payloads.contains(.aim) || cue.payloads.contains(.awaited) { return .planned }
            if governs, cue.payloads.contains(.charge) { return .background }
            if cue.payloads.contains(.nationwide), cue.firstToken >= end, cue.firstToken - end <= 2 { return .background }
            if cue.payloads.contains(.backgroundNote), !statesItsDay, cue.firstToken - sentence.lowerBound <= 1 { return .background }
            if cue.payloads.contains(.caption) { return .background }
        }
        if isTakeoverAim(trigger, tokens: tokens) { return .planned }
        if isToldQuiet(trigger, tokens: tokens, sentence: sentence) { return .negated }
        if lastsSeveralDays(trigger, tokens: tokens, sentence: sentence) { return .aggregate }
        return nil
    }

    /// لاستعادة السيطرة, لتحرير: a takeover introduced by the purpose ل is what the forces set
    /// out to do (or, after خاضع, whose control a place is under), not a takeover that
    /// happened. (English "moved to seize" gives no takeover already: its verb is no trigger.)
    func isTakeoverAim(_ trigger: PhraseMatch<Trigger>, tokens: [Token]) -> Bool {
        let token = tokens[trigger.firstToken]
        guard token.script == .arabic, trigger.detachedClitic,
              trigger.payloads.contains(where: { Self.takeovers.contains($0.subEventType) }) else { return false }
        let letters = token.folded
        let lam: Unicode.Scalar = "\u{0644}"
        return letters.first == lam || (letters.count > 1 && words.beginsWithClitic(token, in: .coordinator) && letters[1] == lam)
    }

    /// ACLED's takeover sub-events: a place changes hands.
    static let takeovers: Set<String> = ["Government regains territory", "Non-state actor overtakes territory"]

    /// "Fighting was relatively subdued", "the clashes were quiet": a state word a few words
    /// after an English trigger says the fighting did not take place that day.
    func isToldQuiet(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>) -> Bool {
        guard tokens[trigger.firstToken].script == .latin else { return false }
        return words.has(.calm, in: tokens, around: trigger.firstToken..<(trigger.firstToken + trigger.tokenCount),
                         before: 0, after: Self.cueReach, within: sentence)
    }

    /// "the fighting, which lasted two weeks", القتال الذي دام نحو أسبوعين, استمرت المعارك أسابيع:
    /// a lasting word next to the trigger, then a span of three days or more, is a total over
    /// that span.
    func lastsSeveralDays(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>) -> Bool {
        let after = trigger.firstToken + trigger.tokenCount
        // The trigger's own words are no lasting word (none is listed in both lexicons).
        guard let lasting = words.firstIndex(of: .lasting, in: tokens, around: trigger.firstToken..<after, before: 2,
                                             after: Self.cueReach, within: sentence) else { return false }
        let spanStart = max(lasting, after - 1) + 1
        for index in spanStart..<min(sentence.upperBound, spanStart + Self.cueReach) {
            let unit = tokens[index]
            if words.contains(unit, in: .duration) || words.contains(unit, in: .arabicPeriod) { return true }
            guard words.contains(unit, in: .period) else { continue }
            // "lasted two days" is news of two days; "lasted three days", "lasted weeks" a span.
            guard words.contains(unit, in: .periodDay) else { return true }
            let count = index > spanStart ? (tokens[index - 1].script == .digits ? Int(tokens[index - 1].key) : words.count(tokens[index - 1])) : nil
            return (count ?? 0) >= 3
        }
        return false
    }
}
