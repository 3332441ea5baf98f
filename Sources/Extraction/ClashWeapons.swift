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

    /// "explosions and sporadic gunfire continued", "تبادل لإطلاق النار والقذائف": blasts or
    /// shells joined by "and" to a clash, a word or two from it, are the weapons of that
    /// firefight, one battle. The gap is counted between the two phrases, so a clash told in
    /// three words (تبادل إطلاق النار) is as near as one told in one; and و written joined to
    /// shells told after the clash (والقذائف) joins them as a word of its own does. Bombs told
    /// first and the fighting after them (في تفجيرين ومعارك) are two acts: car bombs, then a battle.
    func isBlastOfAFirefight(_ trigger: PhraseMatch<Trigger>, among triggers: [PhraseMatch<Trigger>], tokens: [Token]) -> Bool {
        guard trigger.payloads.first?.eventType == .explosionsRemoteViolence else { return false }
        return triggers.contains { other in
            guard other.payloads.contains(where: { $0.eventType == .battles && $0.subEventType == "Armed clash" }) else { return false }
            let (first, second) = other.firstToken < trigger.firstToken ? (other, trigger) : (trigger, other)
            let gap = (first.firstToken + first.tokenCount)..<max(first.firstToken + first.tokenCount, second.firstToken)
            guard gap.count <= 2 else { return false }
            return gap.contains { words.contains(tokens[$0], in: .coordinator) }
                || (second.firstToken == trigger.firstToken && second.detachedClitic
                    && words.beginsWithClitic(tokens[second.firstToken], in: .coordinator))
        }
    }
}
