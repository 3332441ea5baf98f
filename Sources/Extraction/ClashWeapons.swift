import TextMatching

extension IncidentExtractor {
    /// "Clashes are taking place in the suburbs, with tanks and heavy artillery being used",
    /// "اشتباكات ... باستخدام المدفعية": the shelling is told as the weapon of a clash named
    /// before it in the sentence, one battle as ACLED codes it, not a shelling of its own.
    func isWeaponOfAClash(_ trigger: PhraseMatch<Trigger>, among triggers: [PhraseMatch<Trigger>], tokens: [Token]) -> Bool {
        guard trigger.payloads.first?.eventType == .explosionsRemoteViolence,
              triggers.contains(where: { other in
                  other.firstToken < trigger.firstToken
                      && other.payloads.contains { $0.eventType == .battles && $0.subEventType == "Armed clash" }
              }) else { return false }
        let window = max(0, trigger.firstToken - 4)..<trigger.firstToken
        return window.contains { words.contains(tokens[$0], in: .clashWeapon) }
    }

    /// "exchanged artillery and small arms fire overnight", "traded rocket fire", "تبادلت القوات
    /// القصف المدفعي", "grenades and mortar shells were exchanged", "قنابل يدوية … تم تبادلها":
    /// shells or grenades both sides fire at each other are an armed clash, as ACLED codes an
    /// exchange of fire, not a shelling or a grenade attack of one side by the other. The word of
    /// exchange stands at most four words before the weapon, or five after it (the passive, past a
    /// second weapon: "shells and grenades were exchanged").
    func isFiredInAnExchange(_ trigger: PhraseMatch<Trigger>, tokens: [Token], sentence: Range<Int>) -> Bool {
        guard let subEventType = trigger.payloads.first?.subEventType,
              Self.exchangedWeapons.contains(subEventType) else { return false }
        return words.firstIndex(of: .exchange, in: tokens, around: trigger.firstToken..<(trigger.firstToken + trigger.tokenCount),
                                before: 4, after: 5, within: sentence, detachedClitic: true) != nil
    }

    /// The sub-events whose weapons two sides can trade.
    static let exchangedWeapons: Set<String> = ["Shelling/artillery/missile attack", "Grenade"]
}
