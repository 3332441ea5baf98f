import IncidentMapCore
import TextMatching

/// One act told with two types, as ACLED's codebook resolves it: one event per type, day and
/// place, and where the same act is told by a word that names only an attack and by one that
/// names its means, the most specific type wins and the other telling is its evidence.
extension IncidentExtractor {
    /// The incidents with each act's vaguer telling folded into its specific one:
    /// - a battle read only from a word of attack ("the attack on the gate", الهجوم على) whose
    ///   sentence tells a bombing, a strike or an attack on civilians at its place and day is
    ///   that act told again ("a suicide car bomb attack", "attacked by an airstrike"): no battle
    ///   of its own. Told in sentences apart ("IS attacked the port … militants blew up a
    ///   tank"), the attack is often the assault the bomb opened, which ACLED codes as well; a
    ///   battle read from fighting words (clashes, اشتباكات) stays one beside an air strike on
    ///   the same town: two acts, as ACLED codes them;
    /// - property burned or wrecked in the sentence of a violent act at its place and day ("the
    ///   strike set the tanker on fire") is part of that act; in a crowd's sentence it makes the
    ///   crowd a riot (ACLED's riots are demonstrations that turn destructive). A bomb's is not:
    ///   shrines wrecked with bombs were destroyed, and the destruction is the event.
    func keepingTheMostSpecificTypes(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        foldedDestructionIntoItsAct(foldedAttackWordsIntoTheirMeans(incidents))
    }

    /// Sub-event types of an act whose means or target is told, taking a bare attack word's battle.
    static func isSpecificAct(_ incident: ExtractedIncident) -> Bool {
        incident.eventType == .explosionsRemoteViolence || incident.eventType == .violenceAgainstCivilians
    }

    /// A battle every telling of which is a word of attack (attack-word in words.tsv, with the
    /// article ال or without), not of fighting: the words say something was attacked, not how.
    /// One telling by clashes (اشتباكات) makes it a battle whatever else called it an attack.
    func isReadFromAttackWords(_ incident: ExtractedIncident) -> Bool {
        guard incident.eventType == .battles, incident.subEventType == "Armed clash" else { return false }
        // Telling by telling, stopping at the first that is not an attack word (most battles
        // are told by clashes): the merge asks this of every battle of every article.
        var toldAny = false
        for span in incident.evidence {
            let scalars = span.text.unicodeScalars
            for highlight in span.highlights where highlight.kind == .trigger {
                let lower = highlight.start - span.start, upper = highlight.end - span.start
                guard lower >= 0, upper >= lower,
                      let from = scalars.index(scalars.startIndex, offsetBy: lower, limitedBy: scalars.endIndex),
                      let to = scalars.index(from, offsetBy: upper - lower, limitedBy: scalars.endIndex) else { continue }
                toldAny = true
                if !isAnAttackWord(String(scalars[from..<to])) { return false }
            }
        }
        return toldAny || isAnAttackWord(incident.triggerText)
    }

    /// Whether a trigger's words hold a word of attack (see ``isReadFromAttackWords(_:)``).
    func isAnAttackWord(_ trigger: String) -> Bool {
        Tokenizer.tokens(in: trigger).contains { token in
            if words.contains(token, in: .attackWord, detachedClitic: true) { return true }
            guard hasArabicArticle(token) else { return false }
            // "الهجوم", "والهجوم", "بالهجوم": the word after its article (and proclitic).
            let letters = Array(token.foldedText.unicodeScalars)
            guard let article = (0..<min(2, letters.count - 1)).first(where: { letters[$0] == "\u{0627}" && letters[$0 + 1] == "\u{0644}" })
            else { return false }
            let bare = String(String.UnicodeScalarView(letters[(article + 2)...]))
            return Tokenizer.tokens(in: bare).first.map { words.contains($0, in: .attackWord) } ?? false
        }
    }

    /// Bare attack words folded into the bombing, strike or attack on civilians their sentence
    /// tells at their place and day (see ``keepingTheMostSpecificTypes(_:)``).
    func foldedAttackWordsIntoTheirMeans(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].date != nil && isReadFromAttackWords(all[index]) ? FoldKey(day: all[index].date?.date) : nil
        }, into: { all, index in
            Self.isSpecificAct(all[index]) && all[index].date != nil ? FoldKey(day: all[index].date?.date) : nil
        }) { all, index, act in
            Self.isSpecificAct(all[act]) && all[index].date?.date == all[act].date?.date
                && isSameArea(all[index].place, all[act].place) && shareASentence(all[index], all[act])
        }
    }

    /// Whether two incidents share a sentence of their evidence: the same sentence told both.
    func shareASentence(_ one: ExtractedIncident, _ other: ExtractedIncident) -> Bool {
        !Set(one.evidence.map(\.start)).isDisjoint(with: other.evidence.map(\.start))
    }

    /// Property destruction folded into the violent act or the crowd of its sentence, place and
    /// day; a protest that takes it becomes a riot (see ``keepingTheMostSpecificTypes(_:)``).
    func foldedDestructionIntoItsAct(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        func isDestruction(_ incident: ExtractedIncident) -> Bool {
            incident.subEventType == "Looting/property destruction" && incident.eventType == .strategicDevelopments
        }
        // Not a bomb's: shrines wrecked with bombs were destroyed, the bombs the means (ACLED codes
        // destruction that targets no one as property destruction); an air strike or a shell
        // is an act of war whatever it hit.
        func isAct(_ incident: ExtractedIncident) -> Bool {
            switch incident.eventType {
            case .explosionsRemoteViolence: !Self.bombings.contains(incident.subEventType)
            case .battles, .violenceAgainstCivilians, .protests, .riots: true
            default: false
            }
        }
        func belongs(_ all: [ExtractedIncident], _ index: Int, _ act: Int) -> Bool {
            isAct(all[act]) && all[index].date?.date == all[act].date?.date
                && isSameArea(all[index].place, all[act].place) && shareASentence(all[index], all[act])
        }
        // A crowd that burned what its sentence says was burned rioted: retyped before the fold,
        // so that the destruction joins the riot.
        var incidents = incidents
        for index in incidents.indices where isDestruction(incidents[index]) && incidents[index].date != nil {
            guard let protest = incidents.indices.first(where: { act in
                incidents[act].eventType == .protests && belongs(incidents, index, act)
            }), !incidents.indices.contains(where: { act in
                act < protest && isAct(incidents[act]) && incidents[act].eventType != .protests && belongs(incidents, index, act)
            }) else { continue }
            incidents[protest].eventType = .riots
            incidents[protest].subEventType = "Violent demonstration"
        }
        return folding(incidents, from: { all, index in
            isDestruction(all[index]) && all[index].date != nil ? FoldKey(day: all[index].date?.date) : nil
        }, into: { all, index in
            isAct(all[index]) && all[index].date != nil ? FoldKey(day: all[index].date?.date) : nil
        }, where: belongs)
    }
}
