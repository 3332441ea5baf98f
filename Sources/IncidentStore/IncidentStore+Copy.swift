import CSQLite
import Foundation
import GRDB
import IncidentMapCore
import IncidentStorage

extension IncidentStore {
    /// Stores the rows with the ingest's insert statement, every column as the row has it
    /// (its own `ingested_at` too), so that whatever columns the store has are carried; a large copy takes the ingest's bulk path (the spatial index built once at the
    /// end).
    public func storeRows(expectedRows: Int = 0,
                          _ body: (_ store: (any IncidentColumns) throws -> Void) throws -> Void) throws -> IngestSummary {
        try write { db in
            let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents") ?? 0
            let bulk = expectedRows >= 50_000 || (expectedRows >= 5_000 && expectedRows > stored)
            // The ingest's batch sets SpatiaLite's triggers aside for a bulk load and puts them back.
            let batch = try IncidentBatch(database: db, ingestedAt: Date(), bulk: bulk)
            let insert = try IncidentInsert(db, storePath: path)
            var summary = IngestSummary()
            try body { row in
                if try insert.insert(row) { summary.added += 1 } else { summary.alreadyPresent += 1 }
            }
            try batch.finish()
            return summary
        }
    }

    public func refreshRecords() throws -> [GazetteerRefreshRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT refreshed_at, source, places, added, removed, renamed, moved, incidents_updated
                FROM gazetteer_refreshes ORDER BY id
                """).map { row in
                GazetteerRefreshRecord(refreshedAt: Timestamp.date(from: row[0] as String) ?? Date(timeIntervalSince1970: 0),
                                       source: row[1], places: row[2], added: row[3], removed: row[4], renamed: row[5],
                                       moved: row[6], incidentsUpdated: row[7])
            }
        }
    }
}
