import Foundation
import TestSupport
import IncidentMapCore
@testable import IncidentStore

/// Builders shared by the store's tests.
enum StoreFixtures {
    static func incident(_ id: String, _ latitude: Double, _ longitude: Double,
                         date: String = "2019-04-08", type: EventType = .battles) -> Incident {
        TestIncidents.incident(id, latitude, longitude, date: date, type: type)
    }

    /// Opens a new store in `folder`.
    static func store(in folder: TemporaryFolder, name: String = "incidents.sqlite") throws -> IncidentStore {
        try IncidentStore(path: folder.path + "/" + name)
    }
}

typealias SeededGenerator = TestSupport.SeededGenerator
