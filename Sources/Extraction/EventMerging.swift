import Gazetteer
import IncidentMapCore
import TextMatching

/// Parts of one event that the sentences tell with triggers of their own, joined into the
/// event as ACLED codes it: one event per type, day and place, whatever words told its parts.
extension IncidentExtractor {
    /// A withdrawal (انسحبت المجموعات المسلحة باتجاه …) told in a sentence of its own at the place
    /// and on the day of a battle is how that battle ended, not a Strategic development of its
    /// own. A withdrawal with no battle at the place that day stays one: a town handed over
    /// without a fight.
    static let withdrawal = "Non-violent transfer of territory"

    /// Sub-events of a bomb that can be the weapon of a killing told beside it.
    static let bombings: Set<String> = ["Remote explosive/landmine/IED", "Suicide bomb", "Grenade"]

    /// An event a sentence tells on a day it states, at no place it names or carries: what
    /// ``datingByLaterTellings(_:toldIn:laterDays:)`` reads.
    struct UnplacedTelling {
        var sentence: Int
        var eventType: EventType
        var date: ResolvedDate
    }

    /// "Protesters set fire to the cabinet building, a source said. ¶ In the early hours of
    /// Sunday, demonstrators attacked the building": an incident dated only by the report (the
    /// article gave no day before it) takes the day of the same kind of event told again within
    /// three sentences on a stated day and at no place of its own. Not an incident with a day
    /// carried from an earlier sentence: that day is already the event's, and a later day may be
    /// another's ("the continued protests come despite a promise made on Monday").
    /// `toldIn` gives each incident's sentence.
    func datingByLaterTellings(_ found: inout [ExtractedIncident], toldIn sentences: [Int], laterDays: [UnplacedTelling]) {
        guard !laterDays.isEmpty else { return }
        for index in found.indices where found[index].date?.isPublicationDate ?? false {
            let told = sentences[index]
            guard let later = laterDays.first(where: { later in
                later.sentence > told && later.sentence <= told + 3
                    && Self.isSameKindOfEvent(later.eventType, found[index].eventType)
            }) else { continue }
            found[index].date = ResolvedDate(date: later.date.date, precision: .day,
                                             reason: "the day a later sentence gives the event: \(later.date.reason)")
        }
    }

    /// Whether two event types can be one event told twice: the same type, or a crowd told as a
    /// protest and as a riot.
    static func isSameKindOfEvent(_ one: EventType, _ other: EventType) -> Bool {
        let crowd: Set<EventType> = [.protests, .riots]
        return one == other || (crowd.contains(one) && crowd.contains(other))
    }

    /// The merged incidents with each part of an event folded into the event: withdrawals into
    /// the battle at their place and day, an attack on a person into the bomb that killed them
    /// there that day (ACLED codes remote violence against civilians as Explosions/Remote
    /// violence, not as Violence against civilians), and each act told with two types into its
    /// most specific one (see ``keepingTheMostSpecificTypes(_:)``).
    func foldedIntoTheirEvents(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        keepingTheMostSpecificTypes(foldedIntoBombings(foldedWithdrawals(incidents)))
    }

    /// Withdrawals at the place and on the day of a battle (see ``withdrawal``).
    func foldedWithdrawals(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].eventType == .strategicDevelopments && all[index].subEventType == Self.withdrawal
                ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }, into: { all, index in
            all[index].eventType == .battles ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }) { all, index, battle in
            // Told in the battle's own sentence, a withdrawal was read there already: beside a
            // taking, it is how the town changed hands ("took Sirte after the withdrawal of its
            // forces without a fight"), a transfer of its own.
            all[battle].eventType == .battles && all[index].date?.date == all[battle].date?.date
                && all[index].place.id == all[battle].place.id
                && Set(all[index].evidence.map(\.start)).isDisjoint(with: all[battle].evidence.map(\.start))
        }
    }

    /// The battle an act told in its sentence belongs to (see ``actsOfAnAttack``): the nearest
    /// armed clash, else, for what is done to people and property, the nearest taking of a place
    /// ("entered Ajdabiya, took it and captured some of the loyalists": the captives were taken in
    /// that battle). A withdrawal beside a taking is not read as fighting here: the town may have
    /// changed hands without a fight; a battle at its place that day takes it when merging.
    /// Civilians abducted in an attack that only a word of attack tells ("gunmen attacked a UN
    /// convoy and abducted seven staff", هاجمت سيارتهم … اختطفت 7 موظفين) were the attack's aim:
    /// the abduction is the event, and the attack folds into it when merging
    /// (``foldedAttackWordsIntoTheirMeans(_:)``). Fighting words (clashes, اشتباكات) keep their
    /// captives, and so does an attack whose captives fight (soldiers kidnapped at a checkpoint).
    func battleTakingAct(_ trigger: PhraseMatch<Trigger>, subEventType: String, among triggers: [PhraseMatch<Trigger>],
                         isNegated: (PhraseMatch<Trigger>) -> Bool, abductsCivilians: Bool,
                         isToldByAttackWords: (PhraseMatch<Trigger>) -> Bool) -> (eventType: EventType, subEventType: String)? {
        let isAbduction = subEventType == "Abduction/forced disappearance" && abductsCivilians
        if let clash = nearestAttack(to: trigger, among: triggers, isNegated: { other in
            isNegated(other) || (isAbduction && isToldByAttackWords(other))
        }) { return clash }
        if isAbduction, triggers.contains(where: { $0.firstToken != trigger.firstToken && !isNegated($0) && isToldByAttackWords($0) }) {
            return nil
        }
        guard subEventType != Self.withdrawal else { return nil }
        let takings = triggers.filter { other in
            other.firstToken != trigger.firstToken && !isNegated(other) && other.payloads.first?.eventType == .battles
        }
        return takings.min { abs($0.firstToken - trigger.firstToken) < abs($1.firstToken - trigger.firstToken) }
            .flatMap { taking in taking.payloads.first.map { (EventType.battles, $0.subEventType) } }
    }

    /// Whether the words around `trigger` in its clause name people who do not fight (workers,
    /// staff, journalists, موظفين): who an abduction took. Fifteen words after it (Arabic puts the
    /// subject first: اختطفت إحدى الميليشيات المسلحة … 7 عاملين), four before (the passive:
    /// "seven staff members were abducted").
    func takesCivilians(_ trigger: PhraseMatch<Trigger>, tokens: [Token], clause: Range<Int>) -> Bool {
        let end = trigger.firstToken + trigger.tokenCount
        return (max(clause.lowerBound, trigger.firstToken - 4)..<min(end + 15, clause.upperBound)).contains { index in
            words.contains(tokens[index], in: .abductee) || words.contains(tokens[index], in: .civilianTarget)
        }
    }

    /// "Unknown men assassinated the colonel … killed when his car blew up": one car bomb, told as
    /// a blast and as an assassination at the same place on the same day, is one event, the
    /// bombing, with the killing's evidence and toll.
    func foldedIntoBombings(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].eventType == .violenceAgainstCivilians && all[index].subEventType == "Attack"
                ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }, into: { all, index in
            all[index].eventType == .explosionsRemoteViolence && Self.bombings.contains(all[index].subEventType)
                ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }) { all, index, bombing in
            all[bombing].eventType == .explosionsRemoteViolence && all[index].date?.date == all[bombing].date?.date
                && all[index].place.id == all[bombing].place.id
        }
    }
}
