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
}

typealias SeededGenerator = TestSupport.SeededGenerator
