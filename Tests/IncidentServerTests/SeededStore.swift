import IncidentMapCore
import IncidentStore
import TestSupport

/// A real SpatiaLite store in a temporary folder, holding the incidents a suite serves: what
/// the server suites that start their own live servers set up in their `init`.
struct SeededStore {
    /// Kept so that the folder (and the store file in it) lives as long as the store.
    let folder: TemporaryFolder
    let store: IncidentStore

    /// Creates `name` in a new temporary folder and ingests `incidents` into it.
    init(named name: String, _ incidents: [Incident]) throws {
        folder = try TemporaryFolder()
        store = try IncidentStore(path: folder.path + "/" + name)
        _ = try store.ingest { batch in
            for incident in incidents { try batch.add(incident) }
        }
    }
}
