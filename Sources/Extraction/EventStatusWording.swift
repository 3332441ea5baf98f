import TextMatching

/// Status rules read from the words around a trigger, where the clause's cues (would, منذ, so
/// far …) say nothing: the trigger's own phrase tells that the event may come, is a running
/// campaign or was last week's, or is named again for its toll. Each gives only what ACLED's
/// coding would: `nil` leaves the trigger to the clause's cues.
extension IncidentExtractor {
    /// The status the words around `trigger` give it, or `nil` when they give none.
    ///
    /// - `planned`: "to guard against any new attack", "any further strikes", تحسبا لأي هجوم —
    ///   an attack that may come is no event; "the planned protest", مظاهرات متوقعة — nor one
    ///   awaited.
    /// - `background`, where the sentence states no day of its own ("since Monday morning",
    ///   "on 9 September" date it as news), but for a taking told as a premise:
    ///   - "the army has been fighting the militants": a campaign running for weeks or months,
    ///     told as the setting, not one day's fighting;
    ///   - "heavy fighting last week", الأسبوع الماضي, الشهر المنصرم: before the days the
    ///     report is about;
    ///   - "was recently recaptured", "the previously seized town": before the news, whatever
    ///     day the sentence states;
    ///   - "after its capture of Sirte", بعد سيطرته على مدينة سرت: a taking the news follows,
    ///     whatever day the sentence states (see ``isTakingToldAsAPremise(_:tokens:sentence:)``).
    func statusFromWording(of trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>,
                           statesItsDay: Bool) -> EventStatus? {
        let first = trigger.firstToken
        let span = first..<(first + trigger.tokenCount)
        let before = tokens[max(sentence.lowerBound, first - 2)..<first]
        // Arabic writes أي right before its noun (لأي هجوم); English lets a word stand between ("any new attack").
        let hypotheticalReach = tokens[first].script == .arabic ? 1 : 2
        if words.has(.hypothetical, in: tokens, around: span, before: hypotheticalReach, after: 0, within: sentence) {
            return .planned
        }
        // "the planned protest", "an imminent attack", مظاهرات متوقعة، الهجوم المرتقب: awaited, not reported.
        let isArabic = tokens[first].script == .arabic
        if words.has(.expected, in: tokens, around: span, before: isArabic ? 0 : 1, after: isArabic ? 1 : 0, within: sentence) {
            return .planned
        }
        // Whatever day the sentence states: that is the news's, which follows the taking.
        if isTakingToldAsAPremise(trigger, tokens: tokens, sentence: sentence) { return .background }
        // "struck overnight at an airbase that was recently recaptured", "the previously seized
        // town": the word dates its event before the news, whatever day the sentence states.
        if tokens[first].script == .latin, let last = before.last, words.contains(last, in: .recent) { return .background }
        guard !statesItsDay else { return nil }
        if tokens[first].script == .latin, let last = before.last, words.contains(last, in: .progressive),
           tokens[first].foldedText.hasSuffix("ing") {
            return .background
        }
        if namesLastWeekOrMonth(tokens[sentence]) { return .background }
        return nil
    }

    /// "last week", "last month's clashes", الأسبوع الماضي, الشهر المنصرم.
    func namesLastWeekOrMonth(_ sentence: ArraySlice<Token>) -> Bool {
        // Each word looked up once (the lists it is in), not once per list and neighbour.
        var previous: UInt128 = 0
        let last = WordList.last.bit, unit = WordList.lastUnit.bit
        for token in sentence {
            let lists = words.lists(of: token)
            if (previous & last != 0 && lists & unit != 0) || (previous & unit != 0 && lists & last != 0) { return true }
            previous = lists
        }
        return false
    }

    /// حصيلة الاشتباكات, "the death toll from the clashes": the event named for its count is one
    /// the article tells elsewhere; the sentence adds its toll to that event, and is no event of
    /// its own where none of its type is told that day (as a trigger that refers back).
    func isNamedForItsToll(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentenceStart: Int) -> Bool {
        words.has(.toll, in: tokens, around: trigger.firstToken..<(trigger.firstToken + trigger.tokenCount), before: 3, after: 0,
                  within: sentenceStart..<tokens.count)
    }

    /// "after its capture of Sirte", "despite losing control of Sirte", "بعد سيطرته على مدينة
    /// سرت": a taking of territory right after a word of premise is what the news follows or
    /// happens despite, the state of things, not a day's event. English lets "the", "its" or
    /// "their" stand between; Arabic writes the word right before its noun (وبعد as well).
    func isTakingToldAsAPremise(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>) -> Bool {
        guard let subEventType = trigger.payloads.first?.subEventType, Self.takeovers.contains(subEventType) else { return false }
        return followsAPremiseWord(trigger, tokens: tokens, sentence: sentence)
    }

    /// A word of premise right before the trigger ("after clashes", "despite their capture",
    /// بعد سيطرته), with "the", "its" or "their" between in English.
    func followsAPremiseWord(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>) -> Bool {
        var index = trigger.firstToken - 1
        if index >= sentence.lowerBound, tokens[trigger.firstToken].script == .latin,
           Self.possessives.contains(tokens[index].folded) { index -= 1 }
        guard index >= sentence.lowerBound else { return false }
        return words.contains(tokens[index], in: .premise, detachedClitic: tokens[index].script == .arabic)
    }

    static let possessives = PlaceFrameWords.folded(["the", "its", "their", "his"])
}
