extension PostgresConnection {
    /// How often a statement chosen as a deadlock's victim is run again before the error is
    /// the caller's.
    static let deadlockRetries = 5

    /// Runs `sql` inside the current transaction under a savepoint, and runs it again when the
    /// server chose it as a deadlock's victim (SQLSTATE 40P01).
    ///
    /// Why: two ingests that share event ids insert them in different orders (each file's own
    /// order, or the order of its points), so each can wait on a unique-index entry the other
    /// holds. PostgreSQL breaks that by failing one of the statements, which would fail that
    /// whole file although nothing in it is wrong. Rolled back to the savepoint, the victim
    /// has released what the other was waiting for; run again, it waits for the other to end
    /// and then skips (`ON CONFLICT DO NOTHING`) or merges the ids it stored, as if the two had
    /// come one after the other. This ends the deadlocks of one statement's own inserts (a file
    /// of up to 50,000 rows is moved by one); one between rows an earlier statement of the
    /// transaction locked can recur, and after the retries the error is the caller's, as
    /// before, with nothing of the file stored.
    @discardableResult
    func executeRetryingDeadlocks(_ sql: String, _ parameters: [String?] = []) throws(PostGISStoreError) -> QueryResult {
        var attempt = 0
        while true {
            try execute("SAVEPOINT before_insert")
            do {
                let result = try execute(sql, parameters)
                try execute("RELEASE SAVEPOINT before_insert")
                return result
            } catch where error.isDeadlock && attempt < Self.deadlockRetries {
                attempt += 1
                try execute("ROLLBACK TO SAVEPOINT before_insert")
                try execute("RELEASE SAVEPOINT before_insert")
            }
        }
    }
}

extension PostGISStoreError {
    /// SQLSTATE 40P01, deadlock_detected: the server rolled this statement back to end a
    /// deadlock with another transaction; run again, it can succeed.
    var isDeadlock: Bool {
        if case .database(_, _, "40P01") = self { return true }
        return false
    }
}
