import CSQLite
import GRDB

/// Stepping a prepared statement with SQLite's own calls, for the store's hot paths: GRDB's
/// `Row` and `StatementArguments` box and cast every value, which cost more than the work on
/// a million rows. Errors name `storePath` and say what SQLite said.
extension Statement {
    /// Steps through the rows (the arguments set already), handing `body` the statement at
    /// each; the statement is reset afterwards, also when `body` throws.
    func forEachRow(in db: Database, storePath: String, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw Self.failure(db, storePath) }
            try body(handle)
        }
    }

    /// Runs a statement that returns no rows (an insert whose values are bound) and resets it.
    func runToCompletion(in db: Database, storePath: String) throws {
        let code = sqlite3_step(sqliteStatement)
        sqlite3_reset(sqliteStatement)
        guard code == SQLITE_DONE else { throw Self.failure(db, storePath) }
    }

    private static func failure(_ db: Database, _ storePath: String) -> any Error {
        let code = sqlite3_errcode(db.sqliteConnection)
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        // A full disk, a read-only or failing file: left as SQLite's error, so that the store's
        // write turns it into the StoreError that says so, naming the store.
        if [SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_PERM, SQLITE_CANTOPEN].contains(code & 0xff) {
            return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        return StoreError.database(path: storePath, reason: message)
    }
}
