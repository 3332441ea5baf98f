import Foundation
import IncidentMapCore
import IncidentStorage
import Synchronization
import Testing
import TestSupport
@testable import IncidentMapKit

/// A bulk write that adds many rows builds the point index afresh after it commits (a GiST index
/// grown a row at a time reads several times the pages of one built at once); a small one
/// leaves it be; several writers at once still store every row once, and leave one valid index.
@Suite struct PostGISPointIndexTests {
    /// 10,000 rows (the fewest that rebuild) spread over a degree around Tripoli, ids `prefix-N`.
    static func rows(_ prefix: String, count: Int = 10_000, longitude: Double = 13) -> [Incident] {
        (0..<count).map { TestIncidents.incident("\(prefix)-\($0)", 32 + Double($0 % 100) / 100, longitude + Double($0 / 100) / 100) }
    }

    static func ingest(_ incidents: [Incident], into url: String) throws -> IngestSummary {
        let store = try StoreLocation(url).open(.createIfMissing)
        defer { try? store.close() }
        return try store.ingest { batch in for incident in incidents { try batch.add(incident) } }
    }

    /// The point index's object id, new with each rebuild.
    static func indexID(_ cluster: ThrowawayPostgres, _ database: String) throws -> String {
        try cluster.psql(database, "SELECT 'incidents_geom'::regclass::oid").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The indexes of `incidents` that are not valid (left by a rebuild cut short).
    static func invalidIndexes(_ cluster: ThrowawayPostgres, _ database: String) throws -> String {
        try cluster.psql(database, """
            SELECT string_agg(indexrelid::regclass::text, ',') FROM pg_index WHERE indrelid = 'incidents'::regclass AND NOT indisvalid
            """).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func databaseName(_ url: String) -> String { String(url.split(separator: "/").last ?? "") }

    @Test func aLargeLoadRebuildsThePointIndexAndASmallOneDoesNot() throws {
        let cluster = try ThrowawayPostgres.shared()
        let url = try cluster.makeDatabase()
        let database = Self.databaseName(url)
        try StoreLocation(url).open(.createIfMissing).close()
        let created = try Self.indexID(cluster, database)

        // Below the fewest rows: the index is the one the schema made.
        _ = try Self.ingest(Self.rows("small", count: 500), into: url)
        #expect(try Self.indexID(cluster, database) == created)

        let rebuilt = try Self.ingest(Self.rows("large"), into: url)
        #expect(rebuilt.added == 10_000)
        let afterLoad = try Self.indexID(cluster, database)
        #expect(afterLoad != created, "a load of 10,000 rows into a store of 500 left the grown index")
        #expect(try Self.invalidIndexes(cluster, database).isEmpty)
        // The table's row estimate, which the next load's decision reads, counts the load.
        #expect(try cluster.psql(database, "SELECT reltuples FROM pg_class WHERE oid = 'incidents'::regclass")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "10500")

        // 10,000 rows again, but already stored: nothing added, nothing rebuilt.
        let again = try Self.ingest(Self.rows("large"), into: url)
        #expect(again.added == 0)
        #expect(try Self.indexID(cluster, database) == afterLoad)

        // The rebuilt index answers: every row of a small circle, as a full scan finds them.
        let store = try StoreLocation(url).open(.mustExist)
        defer { try? store.close() }
        let centre = try Coordinate(latitude: 32.5, longitude: 13.5)
        let near = try store.incidents(near: centre, within: Length(metres: 3_000), limit: nil)
        let scanned = try cluster.psql(database, """
            SELECT count(*) FROM incidents WHERE ST_DWithin(geom::geography, ST_MakePoint(13.5, 32.5)::geography, 3000, true)
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!near.isEmpty)
        #expect(String(near.count) == scanned)
    }

    /// A rebuild killed midway leaves an invalid `incidents_geom_ccnew` that every insert keeps
    /// up; the next rebuild drops it.
    @Test func aRebuildDropsTheInvalidIndexOfOneCutShort() throws {
        let cluster = try ThrowawayPostgres.shared()
        let url = try cluster.makeDatabase()
        let database = Self.databaseName(url)
        _ = try Self.ingest(Self.rows("first", count: 100), into: url)
        // A unique index on a column of equal values fails its concurrent build and stays, invalid.
        #expect(throws: (any Error).self) {
            try cluster.psql(database, "CREATE UNIQUE INDEX CONCURRENTLY incidents_geom_ccnew ON incidents (event_date)")
        }
        #expect(try Self.invalidIndexes(cluster, database) == "incidents_geom_ccnew")
        _ = try Self.ingest(Self.rows("second"), into: url)
        #expect(try Self.invalidIndexes(cluster, database).isEmpty)
    }

    /// Two writers each adding enough rows to rebuild, at once: one rebuilds (waiting for the
    /// other's transaction), the other leaves it to the first; both files are stored whole, once.
    @Test func twoLargeLoadsAtOnceStoreEveryRowAndLeaveOneValidIndex() throws {
        let cluster = try ThrowawayPostgres.shared()
        let url = try cluster.makeDatabase()
        let database = Self.databaseName(url)
        try StoreLocation(url).open(.createIfMissing).close()
        let created = try Self.indexID(cluster, database)
        let files = [Self.rows("west", longitude: 12), Self.rows("east", longitude: 14)]
        let added = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: files.count) { writer in
            do {
                let summary = try Self.ingest(files[writer], into: url)
                added.withLock { $0.append(summary.added) }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(added.withLock { $0 } == [10_000, 10_000])
        #expect(try cluster.psql(database, "SELECT count(*) FROM incidents").trimmingCharacters(in: .whitespacesAndNewlines) == "20000")
        #expect(try Self.indexID(cluster, database) != created)
        #expect(try Self.invalidIndexes(cluster, database).isEmpty)
    }
}
