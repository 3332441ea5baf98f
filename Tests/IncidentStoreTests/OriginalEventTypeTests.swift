import Foundation
import GRDB
import IncidentMapCore
import Testing
import TestSupport
@testable import IncidentStore

/// ACLED's pre-2019 event type, kept beside today's (migration v5).
@Suite struct OriginalEventTypeTests {
    @Test func theOriginalTypeIsStoredAndReadBack() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        var old = StoreFixtures.incident("SOM1", 2.04, 45.34, type: .protests)
        old.originalEventType = "Riots/Protests"
        _ = try store.ingest { batch in
            try batch.add(old)
            try batch.add(StoreFixtures.incident("SOM2", 2.05, 45.35))
        }
        #expect(try store.incident(withID: "SOM1")?.originalEventType == "Riots/Protests")
        #expect(try store.incident(withID: "SOM2")?.originalEventType == nil)
        let stored = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT original_event_type FROM incidents WHERE event_id_cnty = 'SOM1'") }
        #expect(stored == "Riots/Protests")
    }

    /// A store made before v5 gains the column, empty for the incidents it holds.
    @Test func aStoreFromBeforeGainsTheColumnWhenOpened() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/incidents.sqlite"
        do {
            let store = try StoreFixtures.store(in: folder)
            _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("OLD", 32, 13)) }
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "ALTER TABLE incidents DROP COLUMN original_event_type")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%'")
            }
            try store.close()
        }
        let store = try IncidentStore(path: path, mode: .mustExist)
        let columns = try store.pool.read { db in try db.columns(in: "incidents").map(\.name) }
        #expect(columns.contains("original_event_type"))
        #expect(try store.incident(withID: "OLD")?.originalEventType == nil)
        var old = StoreFixtures.incident("NEW", 32, 13)
        old.originalEventType = "Remote violence"
        _ = try store.ingest { batch in try batch.add(old) }
        #expect(try store.incident(withID: "NEW")?.originalEventType == "Remote violence")
    }
}
