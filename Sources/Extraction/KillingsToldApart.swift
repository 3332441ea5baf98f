import IncidentMapCore
import TextMatching

extension IncidentExtractor {
    /// The two words of a killing told apart, by their lists in `Data/lexicons/words.tsv`: a
    /// word of killing or wounding before the bullets that did it ("قتل مسلحون بالرصاص عميد
    /// البلدية", "قُتل شاب برصاصة في الرأس", "لقي حتفه برصاص"), a word of finding before a body
    /// ("عثرت الأجهزة الأمنية على جثة شاب"). Killing words alone are every toll's and a body alone
    /// every strike's; told with the bullets or the find, a person was shot or killed and left.
    /// `reach`: how many words may stand between the two, in the first word's place (a killing
    /// and its bullets "قتل مسلحون أمس بالرصاص"; a find, its finders and its time "عثرت الأجهزة
    /// الأمنية أمس على جثة").
    static let killingsToldApart: [(first: WordList, second: WordList, reach: Int)] = [
        (.killingWord, .bullets, 4), (.findingWord, .body, 6),
    ]

    /// The sentence's triggers with each killing told apart (see ``killingsToldApart``) as an
    /// attack on a person (Violence against civilians). Not where the sentence tells a battle
    /// or a crowd (its dead are that fight's or that protest's toll), nor where the word after
    /// the bullets or the body says no one was aimed at (برصاصة طائشة، جثث مهاجرين: the list
    /// `no-attack-after`).
    func withKillingsToldApart(_ triggers: [PhraseMatch<Trigger>], in sentence: Range<Int>, tokens: [Token]) -> [PhraseMatch<Trigger>] {
        guard !triggers.contains(where: { trigger in
            trigger.payloads.first.map { [.battles, .protests, .riots].contains($0.eventType) } ?? false
        }) else { return triggers }
        var found = triggers
        for second in sentence {
            guard let pair = Self.killingsToldApart.first(where: { words.contains(tokens[second], in: $0.second) }),
                  second + 1 >= sentence.upperBound || !words.contains(tokens[second + 1], in: .noAttackAfter),
                  let first = words.firstIndex(of: pair.first, in: tokens, around: second..<(second + 1), before: pair.reach,
                                               after: 0, within: sentence, detachedClitic: true),
                  !found.contains(where: { $0.firstToken <= second && first < $0.firstToken + $0.tokenCount })
            else { continue }
            found.append(PhraseMatch(payloads: [Trigger(eventType: .violenceAgainstCivilians, subEventType: "Attack")],
                                     tokens: tokens[first...second]))
        }
        return found.count == triggers.count ? triggers : found.sorted { $0.firstToken < $1.firstToken }
    }
}
