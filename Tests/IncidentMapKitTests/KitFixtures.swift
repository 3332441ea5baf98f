import Foundation
import IncidentMapCore
import IncidentStore
import TestSupport

/// Builders the use cases' tests share: incidents, and real SpatiaLite stores in temporary folders.
enum KitFixtures {
    static func incident(_ id: String, _ latitude: Double, _ longitude: Double,
                         date: String = "2019-04-08", type: EventType = .battles) -> Incident {
        Incident(eventID: id, eventDate: try! IncidentDate(parsing: date), eventType: type,
                 location: "place \(id)", coordinate: try! Coordinate(latitude: latitude, longitude: longitude),
                 notes: "note for \(id)", locationArabic: "مكان", evidence: [EvidenceSpan(text: "اشتباكات", start: 0, end: 8)])
    }

    /// The repository's root (for `Data/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The sample incidents we wrote: 14 around Tripoli in April 2019.
    static let sampleIncidents = repository.appendingPathComponent("Data/incidents/tripoli-offensive-2019-04.csv").path
}
