import TextMatching

extension IncidentExtractor {
    /// Whether `trigger` ends in a word that Libyan news also writes as a common noun or a figure
    /// of speech, and the word after it gives it that reading: أسر before the people it belongs
    /// to is "families" (أسر الضحايا، أسر النازحين), not "captured"; حرق before waste or tyres
    /// (حرق النفايات، حرق الإطارات), نهب before public money, قبض before salaries, a battle before
    /// its field (معركة سياسية), a blast of the situation (انفجار الوضع), a verbal attack (شن
    /// هجوما حادا) report no act of war. The words are the lists `noun-homograph` and
    /// `noun-after` of `Data/lexicons/words.tsv`: one rule for every such word, where phrases
    /// listed one by one (أسر الضحايا، أسر الشهداء …) missed each neighbour nobody listed.
    ///
    /// ```swift
    /// // "أسر الضحايا": the families of the victims
    /// extractor.readsAsNoun(trigger, tokens: tokens)  // true
    /// ```
    func readsAsNoun(_ trigger: PhraseMatch<Trigger>, tokens: [Token]) -> Bool {
        let last = trigger.firstToken + trigger.tokenCount - 1
        guard last + 1 < tokens.count, words.contains(tokens[last + 1], in: .nounAfter) else { return false }
        // A one-word trigger may have been found with its proclitic detached (لأسر الضحايا).
        return words.contains(tokens[last], in: .nounHomograph, detachedClitic: trigger.tokenCount == 1 && trigger.detachedClitic)
    }

    /// "صادرت القوة 26 قاذفة صواريخ", "seized 26 rocket launchers": a trigger that names what a
    /// launcher fires (صواريخ، rockets), with the launcher's word before it (Arabic) or after it
    /// (English), names the weapon, not a strike (list `launcher` of `Data/lexicons/words.tsv`).
    func namesALauncher(_ trigger: PhraseMatch<Trigger>, tokens: [Token]) -> Bool {
        let first = trigger.firstToken, end = first + trigger.tokenCount
        if first > 0, tokens[first].script == .arabic, words.contains(tokens[first - 1], in: .launcher, detachedClitic: true) { return true }
        return end < tokens.count && tokens[end].script == .latin && words.contains(tokens[end], in: .launcher)
    }
}
