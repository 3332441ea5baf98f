import IncidentStorage

/// When a bulk write has grown the point index enough that building it afresh pays, and how.
///
/// The GiST index on `incidents.geom` is kept up a row at a time by every insert. An index grown
/// so has boxes that overlap more than those of one built from all its rows at once (PostGIS's
/// sorted build): the 1 km box at Tripoli reads 41 index pages of the grown index of 1M rows and
/// 17 of the rebuilt one (11 and 6 at 100k), and its index scan takes twice as long
/// (BENCHMARKS.md, PostGIS, "Session 11"). The rebuild (`REINDEX … CONCURRENTLY`, then
/// `ANALYZE`) costs about a hundredth of what ingesting the rows it indexes cost (1M rows:
/// 11 s against 1,003 s; 100k: 1.1 s against 94 s, at the same load), so it is made when an
/// ingest has added at least ``minimumAddedRows`` and at least ``addedShareOfStored`` of the
/// rows stored before it: a first load, or one that grows the store by a fifth or more, whose
/// rebuild then indexes at most six times the rows it added and costs at most about 6 % of its
/// time. The many small ingests of a daily feed never trigger it on their own: their rows go
/// into the index one by one, as before; `REINDEX INDEX CONCURRENTLY incidents_geom` by hand
/// compacts it when that suits.
enum PointIndexUpkeep {
    /// Fewer added rows than this never rebuild: their entries fill about 50 index pages, and a
    /// rebuild waits for every transaction of the database open when it starts (an export's
    /// cursor, another ingest) to end, which the ingest command would wait for too.
    static let minimumAddedRows = 10_000
    /// The share of the rows stored before an ingest that it must add.
    static let addedShareOfStored = 0.2

    /// The index rebuilt.
    static let indexName = "incidents_geom"
    /// The advisory lock (of the database) a process holds while it rebuilds: one rebuild at
    /// a time, and a process finding it taken leaves the rebuild to the holder.
    static let lockKey = 7_415_120_016

    /// Whether an ingest that added `added` rows to a table that held `storedBefore` (an
    /// estimate; negative when the server has none) should rebuild the index.
    static func shouldRebuild(added: Int, storedBefore: Double) -> Bool {
        added >= minimumAddedRows && Double(added) >= addedShareOfStored * max(0, storedBefore)
    }

    /// The server's estimate of the rows of `incidents` (`pg_class.reltuples`, kept by
    /// `ANALYZE`, autovacuum and every index build; −1 for a table never measured): free to
    /// read, unlike `count(*)`.
    static let storedRowsEstimateSQL = "SELECT reltuples FROM pg_class WHERE oid = 'incidents'::regclass"

    /// Indexes that a rebuild killed midway left invalid (`incidents_geom_ccnew`,
    /// `incidents_geom_ccold`): inserts keep them up at a cost and no query uses them.
    static let leftoversSQL = """
        SELECT quote_ident(c.relname) FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'incidents'::regclass AND NOT i.indisvalid AND c.relname LIKE '\(indexName)_cc%'
        """
}

extension PostGISStore {
    /// Runs `body`, a bulk write, in one transaction (``transaction(readOnly:_:)``); after it
    /// commits, rebuilds the point index when the rows it added make that pay
    /// (``PointIndexUpkeep``).
    func bulkWrite(_ body: (PostgresConnection) throws -> IngestSummary) throws -> IngestSummary {
        var storedBefore = -1.0
        let summary = try transaction { connection in
            storedBefore = try connection.execute(PointIndexUpkeep.storedRowsEstimateSQL).double(0, 0)
            return try body(connection)
        }
        if PointIndexUpkeep.shouldRebuild(added: summary.added, storedBefore: storedBefore) {
            rebuildPointIndex()
        }
        return summary
    }

    /// Builds the point index afresh with `REINDEX INDEX CONCURRENTLY`, then `ANALYZE`s the
    /// table, outside any transaction, under ``PointIndexUpkeep/lockKey``.
    ///
    /// Why concurrently and after the commit: readers (and other writers) go on using the old
    /// index until the new one replaces it, with no lock that stops them; a plain `REINDEX`, or
    /// an index dropped inside the ingest's transaction and built at its end, would lock the
    /// table against every reader for the whole ingest. The rebuild waits for transactions
    /// older than it (another process's ingest under way) to end, and includes their rows.
    /// A process that finds the lock taken leaves it to the holder, whose rebuild takes in its
    /// rows as well (or, when they commit during its last phase, inserts them one by one).
    ///
    /// Best effort: the ingest has committed, so a rebuild that fails (a role that does not own
    /// the table may not rebuild its index; a server shutting down) leaves the old index,
    /// which answers the same, and is not an error of the ingest.
    func rebuildPointIndex() {
        _ = try? withConnection { connection in
            guard try connection.execute("SELECT pg_try_advisory_lock(\(PointIndexUpkeep.lockKey))").string(0, 0) == "t" else { return }
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(PointIndexUpkeep.lockKey))") }
            let leftovers = try connection.execute(PointIndexUpkeep.leftoversSQL)
            for row in 0..<leftovers.rowCount {
                if let name = leftovers.string(row, 0) { try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(name)") }
            }
            try connection.execute("REINDEX INDEX CONCURRENTLY \(PointIndexUpkeep.indexName)")
            try connection.execute("ANALYZE incidents")
        }
    }
}
