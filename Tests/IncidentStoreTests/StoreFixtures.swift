import Foundation
import TestSupport
import IncidentMapCore
@testable import IncidentStore

/// Builders shared by the store's tests.
enum StoreFixtures {
    static func incident(_ id: String, _ latitude: Double, _ longitude: Double,
                         date: String = "2019-04-08", type: EventType = .battles) -> Incident {
        Incident(eventID: id, eventDate: try! IncidentDate(parsing: date), eventType: type,
                 location: "place \(id)", coordinate: try! Coordinate(latitude: latitude, longitude: longitude),
                 notes: "note for \(id)", locationArabic: "مكان", evidence: [EvidenceSpan(text: "اشتباكات", start: 0, end: 8)])
    }

    /// Opens a new store in `folder`.
    static func store(in folder: TemporaryFolder, name: String = "incidents.sqlite") throws -> IncidentStore {
        try IncidentStore(path: folder.path + "/" + name)
    }

    /// A deterministic pseudo-random generator, so that failures can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
