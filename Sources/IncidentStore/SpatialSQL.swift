import GRDB

/// Every piece of SpatiaLite-specific SQL the store runs, kept in one place so that a move to
/// PostGIS touches one file.
enum SpatialSQL {
    static let table = "incidents"
    static let geometryColumn = "geom"
    /// The R*Tree SpatiaLite's `CreateSpatialIndex` makes: one row per incident, keyed by rowid.
    static let spatialIndexTable = "idx_incidents_geom"

    /// True when the database already holds SpatiaLite's metadata tables.
    static func hasSpatialMetadata(_ db: Database) throws -> Bool {
        try db.tableExists("spatial_ref_sys") && db.tableExists("geometry_columns")
    }

    /// Creates SpatiaLite's metadata tables. `InitSpatialMetadata(1)` opens a transaction of
    /// its own, so it must run outside one.
    static func initialiseMetadata(_ db: Database) throws {
        let done = try Int.fetchOne(db, sql: "SELECT InitSpatialMetadata(1)") ?? 0
        if done != 1 { throw StoreError.spatiaLiteUnavailable(reason: "InitSpatialMetadata(1) returned \(done)") }
    }

    /// Adds a registered, indexed `POINT` column `geom` in EPSG:4326 to `table`.
    static func addPointGeometry(_ db: Database, table: String = table) throws {
        let added = try Int.fetchOne(db, sql: "SELECT AddGeometryColumn(?, ?, 4326, 'POINT', 'XY', 1)",
                                     arguments: [table, geometryColumn]) ?? 0
        let indexed = try Int.fetchOne(db, sql: "SELECT CreateSpatialIndex(?, ?)",
                                       arguments: [table, geometryColumn]) ?? 0
        guard added == 1, indexed == 1 else {
            throw StoreError.spatiaLiteUnavailable(reason: "AddGeometryColumn/CreateSpatialIndex failed")
        }
    }

    /// SpatiaLite's per-row insert triggers on `incidents`: geometry check, last-insert time,
    /// spatial index.
    static let insertTriggers = ["ggi_incidents_geom", "tmi_incidents_geom", "gii_incidents_geom"]

    /// Records an insert in SpatiaLite's `geometry_columns_time`, as its trigger would.
    static func touchLastInsert(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE Lower(f_table_name) = Lower(?) AND Lower(f_geometry_column) = Lower(?)
            """, arguments: [table, geometryColumn])
    }

    /// The SQL expression that makes the point geometry from `longitude, latitude` parameters.
    static let pointFromParameters = "MakePoint(?, ?, 4326)"

    /// A condition on `incidents.id` that keeps the rows whose point lies in the box, answered
    /// by the R*Tree. The R*Tree stores single-precision boxes rounded outwards, so it never
    /// misses a point inside; callers that need exact bounds check coordinates afterwards.
    static func rowsInBox(minLongitude: Double, minLatitude: Double,
                          maxLongitude: Double, maxLatitude: Double) -> (sql: String, arguments: StatementArguments) {
        ("id IN (SELECT pkid FROM \(spatialIndexTable) WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?)",
         [maxLongitude, minLongitude, maxLatitude, minLatitude])
    }

    /// Gives the connection a page cache of 64 MB (SQLite's default is 2 MB) before radius
    /// queries: they read the spatial index and the point index at random, and a warm cache
    /// saves a read from the operating system per page. Exports leave it at the default, so
    /// that their memory stays flat.
    static func enlargeCacheForQueries(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -65536")
    }

    /// Gives the connection a page cache of 256 kB before a scan of the table in row order
    /// (an export), which reads each page once: SQLite's default 2 MB would fill with pages
    /// never read again, and the export's memory target is 32 MB in all.
    static func shrinkCacheForScans(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -256")
    }

    /// The covering index of (id, latitude, longitude) radius queries read coordinates from.
    static let pointIndex = "incidents_point"

    /// Row id and coordinates of the incidents whose index box meets a query box; arguments
    /// maxLongitude, minLongitude, maxLatitude, minLatitude.
    static let pointsInBoxSQL = """
        SELECT id, latitude, longitude FROM incidents INDEXED BY \(pointIndex)
        WHERE id IN (SELECT pkid FROM \(spatialIndexTable) WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?)
        """

    /// A radius query as SpatiaLite answers it in SQL: its spatial index through the
    /// `SpatialIndex` virtual table, then the ellipsoidal `ST_Distance(…, 1)`. Arguments: the
    /// box (minLon, minLat, maxLon, maxLat), the centre (lon, lat) and the radius in metres.
    static let referenceRadiusSQL = """
        SELECT id FROM incidents WHERE id IN (
            SELECT rowid FROM SpatialIndex WHERE f_table_name = 'incidents' AND f_geometry_column = 'geom'
            AND search_frame = BuildMbr(?, ?, ?, ?, 4326))
        AND ST_Distance(geom, MakePoint(?, ?, 4326), 1) <= ?
        """

    /// The same without any index: every row measured.
    static let referenceFullScanSQL = "SELECT id FROM incidents WHERE ST_Distance(geom, MakePoint(?, ?, 4326), 1) <= ?"
}
