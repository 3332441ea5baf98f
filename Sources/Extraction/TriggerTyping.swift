import IncidentMapCore
import TextMatching

extension IncidentExtractor {
    /// How many words may stand between a crowd and the destruction it is the subject of
    /// ("demonstrators [angry at the council's failure to act] torched the mayor's house").
    static let crowdActReach = 12

    /// The sentence's triggers, each with the type its context gives the event, as ACLED's
    /// codebook types it by the means and the target rather than by the verb:
    /// - an attack word ("attacked", هاجم) with aircraft as its subject or its means, a few
    ///   words from it ("warplanes attacked", هاجم الطيران, "attacked by drones"), or where the
    ///   next sentence opens with them and tells no event of its own ("… attacked the airstrip.
    ///   The air force targeted …"), is an air strike (Explosions/Remote violence), not a
    ///   battle. Aircraft further off in the sentence are often support for a ground attack
    ///   ("attacked the town, after advances backed by aircraft"): the attack stays a clash;
    /// - an attack word next to the civilians it struck (activists, journalists, worshippers) is
    ///   violence against civilians: civilians do not fight back, so it is no battle;
    /// - a crowd word next to a word of storming, burning or looting ("protesters had stormed",
    ///   محتجون قد اقتحموا) is a riot: ACLED's riots are demonstrations that turn violent or
    ///   destructive, its protests the ones that do not.
    /// - a destruction (torched, looted, set fire) whose nearest trigger before it in the
    ///   sentence is a crowd at a protest, a few words back, is that crowd's act: a riot, not
    ///   property destruction by an armed group;
    /// - storming a home ("gunmen stormed her house", اقتحموا منزله) is an attack on the people in
    ///   it, violence against civilians; storming by an angry crowd ("hundreds of angry residents
    ///   stormed the council") is a riot;
    /// - fire opened on a post or a force ("opened fire on a checkpoint", أطلق مسلحون النار على
    ///   دورية) is a clash; on a crowd at a protest ("fired at hundreds of demonstrators"), force
    ///   against protesters; on anyone else, an attack on a person;
    /// - people "being detained" or who "remain detained" are held, not arrested that day;
    /// - fighters or arms captured ("captured three GNA fighters", "seized two tanks") are no
    ///   territory taken: the word reports no event of its own (the fight is told by its own);
    ///   workers or foreigners seized are abducted;
    /// - a battle told as met with no fight ("دون قتال") is a non-violent transfer of territory
    ///   (``isTakenUnopposed(at:in:tokens:)``).
    ///
    /// The words are the lists `attack-word`, `civilian-target`, `crowd-violence`, `home`,
    /// `angry-crowd`, `captive`, `abductee`, `armed-target`, `fire-word`, `crowd-target`,
    /// `in-custody` and `unopposed` of `Data/lexicons/words.tsv`.
    func typedByContext(_ triggers: [PhraseMatch<Trigger>], tokens: [Token], aircraftAt: [Int],
                        nextSentenceTellsAnAirStrike: Bool) -> [PhraseMatch<Trigger>] {
        triggers.indices.map { index in
            let trigger = triggers[index]
            guard let first = trigger.payloads.first, let eventType = first.eventType else { return trigger }
            let span = trigger.firstToken..<(trigger.firstToken + trigger.tokenCount)
            func near(_ list: WordList, before: Int, after: Int) -> Bool {
                words.has(list, in: tokens, around: span, before: before, after: after, within: tokens.indices)
            }
            var retyped = trigger
            if eventType == .battles, first.subEventType == "Armed clash",
               span.contains(where: { words.contains(tokens[$0], in: .attackWord, detachedClitic: trigger.detachedClitic) }) {
                let byAircraft = aircraftAt.contains { ($0 >= span.lowerBound - 3) && ($0 < span.upperBound + 3) }
                if byAircraft || nextSentenceTellsAnAirStrike {
                    retyped.payloads[0] = Trigger(eventType: .explosionsRemoteViolence, subEventType: "Air/drone strike")
                } else if near(.civilianTarget, before: 4, after: 3) {
                    retyped.payloads[0] = Trigger(eventType: .violenceAgainstCivilians, subEventType: "Attack")
                }
            } else if eventType == .battles, first.subEventType == "Armed clash",
                      span.contains(where: { words.contains(tokens[$0], in: .crowdViolence, detachedClitic: trigger.detachedClitic) }) {
                if near(.home, before: 0, after: 4) {
                    retyped.payloads[0] = Trigger(eventType: .violenceAgainstCivilians, subEventType: "Attack")
                } else if near(.angryCrowd, before: 5, after: 0) {
                    retyped.payloads[0] = Trigger(eventType: .riots, subEventType: "Mob violence")
                }
            } else if eventType == .violenceAgainstCivilians, first.subEventType == "Attack",
                      span.contains(where: { words.contains(tokens[$0], in: .fireWord) }) {
                // The crowd fired at, not the one that fired ("shot by protesters").
                if let crowd = words.firstIndex(of: .crowdTarget, in: tokens, around: span, before: 0, after: 4, within: tokens.indices),
                   tokens[crowd - 1].folded != PlaceFrameWords.by {
                    retyped.payloads[0] = Trigger(eventType: .protests, subEventType: "Excessive force against protesters")
                } else if near(.armedTarget, before: 0, after: 4) {
                    retyped.payloads[0] = Trigger(eventType: .battles, subEventType: "Armed clash")
                }
            } else if eventType == .strategicDevelopments, first.subEventType == "Arrests", tokens[span.lowerBound].script == .latin,
                      near(.inCustody, before: 1, after: 0) {
                retyped.payloads[0] = Trigger(eventType: nil, subEventType: "none")
            } else if eventType == .protests, near(.crowdViolence, before: 2, after: 3) {
                retyped.payloads[0] = Trigger(eventType: .riots, subEventType: "Violent demonstration")
            } else if first.subEventType == "Looting/property destruction",
                      let crowd = triggers.last(where: { $0.firstToken + $0.tokenCount <= span.lowerBound }),
                      crowd.payloads.first?.eventType == .protests,
                      span.lowerBound - (crowd.firstToken + crowd.tokenCount) <= Self.crowdActReach {
                retyped.payloads[0] = Trigger(eventType: .riots, subEventType: "Violent demonstration")
            }
            if Self.takeovers.contains(first.subEventType), tokens[trigger.firstToken].script == .latin {
                // The first noun of either list after the word says what was taken: "captured
                // several foreign fighters" took fighters, "seized four foreign workers" people.
                let after = span.upperBound..<min(tokens.count, span.upperBound + 5)
                if let noun = after.first(where: { words.contains(tokens[$0], in: .abductee) || words.contains(tokens[$0], in: .captive) }) {
                    retyped.payloads[0] = words.contains(tokens[noun], in: .abductee)
                        ? Trigger(eventType: .violenceAgainstCivilians, subEventType: "Abduction/forced disappearance")
                        : Trigger(eventType: nil, subEventType: "none")
                }
            }
            if retyped.payloads[0].eventType == .battles, isTakenUnopposed(at: index, in: triggers, tokens: tokens) {
                retyped.payloads[0] = Trigger(eventType: .strategicDevelopments, subEventType: Self.withdrawal)
            }
            return retyped
        }
    }
}
