import IncidentMapCore
import TextMatching

extension IncidentExtractor {
    /// How many words may stand between a taking and the words that say it met no fight
    /// ("سيطرت القوات على معسكر اليرموك جنوب المدينة دون قتال").
    static let unopposedReach = 8

    /// Whether the battle `triggers[index]` was met with no fight, and so is ACLED's non-violent
    /// transfer of territory (Strategic developments): a force that took, entered or stormed a
    /// place "without a fight", "دون قتال", "دون مقاومة", took it without a violent interaction,
    /// so there was no battle. The words of no fight are a trigger of their own (an entry told
    /// with no trigger, "دخلت القوات المدينة دون قتال", is the transfer too); they retype the
    /// trigger right before them only, so a taking told beside a withdrawal that met no fight
    /// ("took Sirte after the forces withdrew from it without a fight") stays a battle.
    /// A phrase of no fight is a transfer trigger, or a phrase listed as no event (دون اشتباكات,
    /// often a quiet night), holding a word of the list `unopposed` of `Data/lexicons/words.tsv`.
    func isTakenUnopposed(at index: Int, in triggers: [PhraseMatch<Trigger>], tokens: [Token]) -> Bool {
        let end = triggers[index].firstToken + triggers[index].tokenCount
        for phrase in triggers[(index + 1)...] {
            if isNoFight(phrase, tokens: tokens), phrase.firstToken - end <= Self.unopposedReach { return true }
            // A phrase of no fight after another event's trigger is that one's.
            if phrase.payloads.first?.eventType != nil { return false }
        }
        return false
    }

    /// Whether `trigger` is a phrase of no fight: a transfer of territory, or no event, told by a
    /// word of `unopposed`.
    func isNoFight(_ trigger: PhraseMatch<Trigger>, tokens: [Token]) -> Bool {
        guard let reading = trigger.payloads.first,
              reading.eventType == nil || (reading.eventType == .strategicDevelopments && reading.subEventType == Self.withdrawal)
        else { return false }
        return (trigger.firstToken..<(trigger.firstToken + trigger.tokenCount)).contains { words.contains(tokens[$0], in: .unopposed) }
    }
}
