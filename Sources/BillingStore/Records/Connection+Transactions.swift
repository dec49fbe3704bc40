/// Transaction control the domain asks for by intent, never by SQL.
extension Connection {
    /// Runs `body` in its own savepoint: when it throws, only its changes are undone (unless the
    /// store already rolled the whole transaction back) and the error goes on.
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try run("SAVEPOINT \(name)")
        do {
            let result = try body()
            try run("RELEASE \(name)")
            return result
        } catch {
            if isInTransaction {
                try run("ROLLBACK TO \(name)")
                try run("RELEASE \(name)")
            }
            throw error
        }
    }

    /// Runs `body` for real and then undoes all it changed (a dry run): its answer is exactly what
    /// the change would be, and nothing of it stays.
    public func discardingChanges<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT dry_run")
        let result = try body()
        try run("ROLLBACK TO dry_run")
        try run("RELEASE dry_run")
        return result
    }

    /// Whether this transaction holds the lock on `key` for work that one daemon at a time does
    /// (PostgreSQL's transaction advisory lock, let go when the transaction ends). A store that one
    /// daemon alone writes always grants it.
    public func claimExclusiveWork(_ key: Int64) throws -> Bool {
        guard dialect == .postgresql else { return true }
        return try scalar("SELECT CASE WHEN pg_try_advisory_xact_lock(?) THEN 1 ELSE 0 END", [.integer(key)]) == 1
    }
}
