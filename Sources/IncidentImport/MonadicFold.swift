import IncidentMapCore

/// Folds ACLED's monadic layout back into events. A monadic export has a row per actor: an
/// event between two actors is two rows with the same `event_id_cnty`, each with one of them
/// as `actor1` (and its `assoc_actor_1` and `inter1`), everything else alike. Stored as they
/// are, the second row would be dropped as an id already stored; folded, the event has both
/// actors, the second's in `actor2`, `assoc_actor_2` and `inter2`.
///
/// The rows of one event share their date, and ACLED's files come sorted by date: the rows of
/// one day are held until a row of another day comes (at most ``maximumHeld`` of them, so
/// memory stays bounded), and a row whose id is held is folded into it. A row that repeats a
/// held id but cannot be folded (it differs in more than its actor, or the event has its two
/// actors already) is not stored, and counted in ``repeatedRows``: the first row of an id wins,
/// as it does in the store.
struct MonadicFold {
    /// The most rows held at once: a file whose rows all share one day is folded a stretch at a time.
    static let maximumHeld = 8_192

    /// Rows folded into the event an earlier row of the file began.
    private(set) var foldedRows = 0
    /// Rows that repeated the id of an earlier row of the file and could not be folded into it.
    private(set) var repeatedRows = 0

    private var held: [Incident] = []
    private var heldIndex: [String: Int] = [:]
    /// The rows released, last first.
    private var ready: [Incident] = []

    /// Takes the next row of the file.
    mutating func add(_ incident: consuming Incident) {
        if let first = held.first, first.eventDate != incident.eventDate || held.count >= Self.maximumHeld { release() }
        guard let index = heldIndex[incident.eventID] else {
            heldIndex[incident.eventID] = held.count
            held.append(consume incident)
            return
        }
        if let folded = Self.folded(held[index], incident) {
            held[index] = folded
            foldedRows += 1
        } else {
            repeatedRows += 1
        }
    }

    /// Hands out the held rows: the file has ended, or a refused row comes next.
    mutating func finish() { release() }

    /// The next row to hand on, in the file's order, `nil` while the rest are held.
    mutating func next() -> Incident? {
        // Moved out from the end of `ready`, which holds them last first: a copy from its
        // front retained each of an incident's strings once more, a tenth of a CSV ingest's parsing.
        ready.popLast()
    }

    private mutating func release() {
        ready.removeAll(keepingCapacity: true)
        swap(&ready, &held)
        ready.reverse()
        heldIndex.removeAll(keepingCapacity: true)
    }

    /// The event `first` and `second` tell together, each naming one of its actors; `nil` where
    /// they are not one event's two monadic rows.
    static func folded(_ first: Incident, _ second: Incident) -> Incident? {
        guard let actor = second.actor1, first.actor1 != nil, first.actor1 != actor,
              first.actor2 == nil || first.actor2 == actor, second.actor2 == nil || second.actor2 == first.actor1 else { return nil }
        func withoutActors(_ incident: Incident) -> Incident {
            var incident = incident
            incident.actor1 = nil
            incident.actor2 = nil
            for column in [Incident.Column.assocActor1, .inter1, .assocActor2, .inter2] { incident.keptColumns[column] = nil }
            return incident
        }
        guard withoutActors(first) == withoutActors(second) else { return nil }
        var event = first
        event.actor2 = actor
        event.keptColumns[.assocActor2] = first.keptColumns[.assocActor2] ?? second.keptColumns[.assocActor1]
        event.keptColumns[.inter2] = first.keptColumns[.inter2] ?? second.keptColumns[.inter1]
        return event
    }
}
