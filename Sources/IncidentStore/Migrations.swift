import GRDB

/// The store's schema, one named migration per change. A migration that has shipped is never
/// edited: a change to the schema is a new migration appended here.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: incidents with a SpatiaLite point geometry") { db in
            try db.execute(sql: """
                CREATE TABLE incidents (
                    id INTEGER PRIMARY KEY,
                    event_id_cnty TEXT NOT NULL UNIQUE,
                    event_date TEXT NOT NULL,
                    time_precision INTEGER NOT NULL,
                    event_type TEXT NOT NULL,
                    sub_event_type TEXT,
                    actor1 TEXT,
                    actor2 TEXT,
                    admin1 TEXT,
                    location TEXT,
                    latitude REAL NOT NULL,
                    longitude REAL NOT NULL,
                    geo_precision INTEGER NOT NULL,
                    fatalities INTEGER NOT NULL DEFAULT 0,
                    source TEXT,
                    notes TEXT,
                    location_ar TEXT,
                    place_id TEXT,
                    source_url TEXT,
                    evidence TEXT,
                    ingested_at TEXT NOT NULL
                );
                CREATE INDEX incidents_event_date ON incidents(event_date);
                CREATE INDEX incidents_event_type ON incidents(event_type);
                """)
            // AddGeometryColumn registers the column in geometry_columns, which is what lets
            // GDAL and QGIS see `incidents` as a point layer in EPSG:4326.
            try SpatialSQL.addPointGeometry(db)
        }
        migrator.registerMigration("v2: gazetteer places imported from GeoNames") { db in
            try db.execute(sql: """
                CREATE TABLE gazetteer_places (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    name_ar TEXT,
                    variants TEXT NOT NULL DEFAULT '',
                    admin1 TEXT,
                    parent TEXT,
                    latitude REAL NOT NULL,
                    longitude REAL NOT NULL,
                    population INTEGER,
                    country TEXT NOT NULL,
                    source TEXT NOT NULL
                );
                CREATE TABLE gazetteer_refreshes (
                    id INTEGER PRIMARY KEY,
                    refreshed_at TEXT NOT NULL,
                    source TEXT NOT NULL,
                    places INTEGER NOT NULL,
                    added INTEGER NOT NULL,
                    removed INTEGER NOT NULL,
                    renamed INTEGER NOT NULL,
                    moved INTEGER NOT NULL,
                    incidents_updated INTEGER NOT NULL
                );
                """)
            // A point layer too, so that QGIS shows the gazetteer beside the incidents.
            try SpatialSQL.addPointGeometry(db, table: "gazetteer_places")
        }
        migrator.registerMigration("v3: row coordinates in a narrow covering index for radius queries") { db in
            // A radius query reads the exact coordinates of every candidate the spatial index
            // gives. From the table, each is a lookup of a whole ~500-byte row on a page of its
            // own; from this index, about 150 rows share a page.
            try db.execute(sql: "CREATE INDEX \(SpatialSQL.pointIndex) ON incidents(id, latitude, longitude)")
        }
        migrator.registerMigration("v4: no index on event_type") { db in
            // Six types share the rows: a type filter keeps about a sixth of them, which SQLite
            // reads faster in table order than through an index lookup per row (a 1M-row export
            // of one type: 1.31 s with the index, 0.90 s without). A bulk load rebuilt it at
            // about 0.55 s per million rows.
            try db.execute(sql: "DROP INDEX IF EXISTS incidents_event_type")
        }
        migrator.registerMigration("v5: the event type an ACLED file gave before 2019") { db in
            // ACLED's event types before March 2019 ("Riots/Protests", "Remote violence" …) are
            // stored under today's names so that filters and the map treat them alike; the name
            // the file gave is kept here, so that an export gives back what came in.
            try db.execute(sql: "ALTER TABLE incidents ADD COLUMN original_event_type TEXT")
        }
        migrator.registerMigration("v6: ACLED's columns kept as the file gave them, and the file's other columns") { db in
            // ACLED's current layout has 31 columns; incidentmap read 15 of them and dropped the
            // rest, so an export could not give back what came in (and `country` is what tells
            // the rows of a file covering several countries apart). Text, as the file wrote them.
            // The names are written out: a migration must mean the same after the column list grows.
            for column in StoreMigrations.v6Columns {
                try db.execute(sql: "ALTER TABLE incidents ADD COLUMN \(column) TEXT")
            }
        }
        return migrator
    }

    /// The columns migration v6 adds (the PostGIS store's v2 adds the same).
    static let v6Columns = [
        "year", "disorder_type", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin2", "admin3", "source_scale", "tags", "timestamp", "other_columns",
    ]
}
