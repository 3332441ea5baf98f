import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage
import Testing
import TestSupport
@testable import IncidentStore

/// ACLED's columns kept as given (migration v6): stored, read back, and added to an older store
/// that opens (one that cannot be upgraded reads them as empty: `OlderStoreReadingTests`).
@Suite struct KeptColumnsStoreTests {
    static func incident() -> Incident {
        var incident = StoreFixtures.incident("KEPT", 32.89, 13.27)
        incident.keptColumns[.year] = "2019"
        incident.keptColumns[.civilianTargeting] = "Civilian targeting"
        incident.keptColumns[.otherColumns] = #"{"analyst":"Amal"}"#
        return incident
    }

    /// A store as incidentmap made it before v6: the columns and the migration's record gone.
    static func storeFromBeforeV6(in folder: TemporaryFolder) throws -> String {
        let path = folder.path + "/incidents.sqlite"
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in try batch.add(StoreFixtures.incident("OLD", 32, 13)) }
        try store.pool.writeWithoutTransaction { db in
            for column in StoreMigrations.v6Columns { try db.execute(sql: "ALTER TABLE incidents DROP COLUMN \(column)") }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v6:%'")
        }
        try store.close()
        return path
    }

    @Test func keptColumnsAreStoredAndReadBack() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in try batch.add(Self.incident()) }
        #expect(try store.incident(withID: "KEPT") == {
            var expected = Self.incident()
            expected.ingestedAt = try store.incident(withID: "KEPT")?.ingestedAt
            return expected
        }())
        let stored = try store.pool.read { db in try Row.fetchOne(db, sql: "SELECT year, civilian_targeting, other_columns FROM incidents") }
        #expect(stored?["year"] == "2019" && stored?["civilian_targeting"] == "Civilian targeting")
        #expect(stored?["other_columns"] == #"{"analyst":"Amal"}"#)
    }

    @Test func aStoreFromBeforeGainsTheColumnsWhenOpened() throws {
        let folder = try TemporaryFolder()
        let path = try Self.storeFromBeforeV6(in: folder)
        let store = try IncidentStore(path: path, mode: .mustExist)
        let columns = try store.pool.read { db in try db.columns(in: "incidents").map(\.name) }
        #expect(Set(StoreMigrations.v6Columns).isSubset(of: columns))
        #expect(try store.incident(withID: "OLD")?.keptColumns.isEmpty == true)
        _ = try store.ingest { batch in try batch.add(Self.incident()) }
        #expect(try store.incident(withID: "KEPT")?.keptColumns[.year] == "2019")
    }
}
