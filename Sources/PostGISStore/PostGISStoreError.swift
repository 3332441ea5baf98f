/// What can go wrong with a PostGIS store, in words that tell the user what to do.
public enum PostGISStoreError: Error, Equatable, CustomStringConvertible {
    /// The server could not be reached, or refused the login.
    case connectionFailed(location: String, reason: String)
    /// The database holds no incidentmap store and the caller asked not to create one.
    case missingStore(location: String)
    /// PostGIS is not installed in the database and this role may not install it.
    case postGISMissing(location: String, database: String, reason: String)
    /// The server is a read-only hot standby and the command writes.
    case readOnlyServer(location: String)
    /// A statement failed; `sqlState` is the server's error code, where it sent one.
    case database(location: String, reason: String, sqlState: String?)

    public var description: String {
        switch self {
        case .connectionFailed(let location, let reason):
            return "cannot connect to \(location) (\(reason)): check the URL's host, port, user and database, "
                + "and give the password through ~/.pgpass or PGPASSWORD"
        case .missingStore(let location):
            return "no incident store in \(location): run `incidentmap ingest FILE --db \(location)` first"
        case .postGISMissing(let location, let database, let reason):
            return "PostGIS is not installed in \(location) and this role may not install it (\(reason)): "
                + "ask an administrator to run `CREATE EXTENSION postgis;` in the database \(database), "
                + "e.g. `psql -d \(database) -c 'CREATE EXTENSION postgis'`"
        case .readOnlyServer(let location):
            return "\(location) is a read-only server (a hot standby): point writing commands at the primary"
        case .database(let location, let reason, "53100"):
            return "the disk holding \(location)'s tables on its server is full (\(reason)): nothing of this write was stored; "
                + "free space there (or ask the server's administrator to) and run the command again"
        case .database(let location, let reason, _):
            return "\(location): \(reason)"
        }
    }

    /// SQLSTATE 53100, disk_full: the server's disk holding the tables has no room left; the
    /// statement and its transaction were rolled back.
    public var isDiskFull: Bool {
        if case .database(_, _, "53100") = self { return true }
        return false
    }

    /// SQLSTATE 25006, read_only_sql_transaction: a write sent to a hot standby.
    var isReadOnlyTransaction: Bool {
        if case .database(_, _, "25006") = self { return true }
        return false
    }
}
