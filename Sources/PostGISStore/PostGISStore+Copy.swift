import Foundation
import IncidentMapCore
import IncidentStorage

extension PostGISStore {
    /// Streams the rows with `COPY … FROM STDIN` into a temporary table of the transaction,
    /// every column as the source store holds it, then moves them into `incidents` with one
    /// `INSERT … SELECT … ON CONFLICT (event_id_cnty) DO NOTHING`, in the order they came.
    public func storeRows(expectedRows: Int = 0,
                          _ body: (_ store: (any IncidentColumns) throws -> Void) throws -> Void) throws -> IngestSummary {
        try transaction { connection in
            try connection.execute("""
                CREATE TEMPORARY TABLE copied_rows ON COMMIT DROP AS
                SELECT 0::bigint AS ordinal, \(IncidentColumnsSQL.selectList) FROM incidents WITH NO DATA
                """)
            try connection.beginCopy("COPY copied_rows (ordinal, \(IncidentColumnsSQL.selectList)) FROM STDIN")
            var pending: [UInt8] = []
            var rows = 0
            do {
                try body { row in
                    CopyText.appendRow(ordinal: rows, row, to: &pending)
                    rows += 1
                    if pending.count >= 1 << 20 {
                        try connection.sendCopyData(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                if !pending.isEmpty { try connection.sendCopyData(pending) }
            } catch {
                // End the COPY so that the transaction can be rolled back on this connection.
                _ = try? connection.endCopy()
                throw error
            }
            try connection.endCopy()
            let added = try connection.execute("""
                INSERT INTO incidents (\(IncidentColumnsSQL.selectList), geom)
                SELECT \(IncidentColumnsSQL.selectList), \(IncidentColumnsSQL.point) FROM copied_rows ORDER BY ordinal
                ON CONFLICT (event_id_cnty) DO NOTHING
                """).affectedRows
            return IngestSummary(added: added, alreadyPresent: rows - added)
        }
    }

    public func refreshRecords() throws -> [GazetteerRefreshRecord] {
        let rows = try withConnection { connection in
            try connection.execute("""
                SELECT refreshed_at, source, places, added, removed, renamed, moved, incidents_updated
                FROM gazetteer_refreshes ORDER BY id
                """)
        }
        return (0..<rows.rowCount).map { row in
            GazetteerRefreshRecord(refreshedAt: rows.string(row, 0).flatMap(Timestamp.date(from:)) ?? Date(timeIntervalSince1970: 0),
                                   source: rows.string(row, 1) ?? "", places: rows.integer(row, 2), added: rows.integer(row, 3),
                                   removed: rows.integer(row, 4), renamed: rows.integer(row, 5), moved: rows.integer(row, 6),
                                   incidentsUpdated: rows.integer(row, 7))
        }
    }
}
