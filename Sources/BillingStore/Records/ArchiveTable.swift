import BillingCore
import BillingProtocol

/// `ArchiveRecords` in SQL, on one store session.
public struct ArchiveTable: ArchiveRecords {
    let db: any Connection

    /// The ledger's trigger is missing, so the archive will not delete around it.
    public struct MissingTrigger: Error, CustomStringConvertible {
        public var description: String { "the ledger's append-only trigger is missing; run billingd verify" }
    }

    public func isRecorded(_ id: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM archives WHERE id = ?", [.text(id)]) > 0
    }

    public func ledgerRows(before cut: Timestamp, after: Int64, limit: Int64) throws -> [(id: Int64, entry: LedgerRow)] {
        try db.query("SELECT * FROM credit_ledger WHERE created_at < ? AND id > ? ORDER BY id LIMIT ?",
                     [.integer(cut.milliseconds), .integer(after), .integer(limit)]).map {
            ($0.int("id"), LedgerRow(user: $0.string("user_id"), grantID: $0.int("grant_id"), delta: $0.int("delta"),
                                     balanceAfter: $0.int("balance_after"), kind: LedgerKind(rawValue: $0.string("kind")) ?? .grant,
                                     reference: $0.optionalString("reference"), at: Timestamp(milliseconds: $0.int("created_at"))))
        }
    }

    public func counts(before cut: Timestamp) throws -> (usage: Int64, ledger: Int64) {
        let values: [SQLValue] = [.integer(cut.milliseconds)]
        return (try db.scalar("SELECT count(*) FROM usage_logs WHERE created_at < ?", values),
                try db.scalar("SELECT count(*) FROM credit_ledger WHERE created_at < ?", values))
    }

    public func carryLedgerForward(before cut: Timestamp, reference: String) throws -> Int {
        let values: [SQLValue] = [.integer(cut.milliseconds)]
        let carry = try db.query("""
            SELECT user_id, grant_id, kind, sum(delta) AS delta, max(id) AS last_id FROM credit_ledger WHERE created_at < ?
            GROUP BY grant_id, kind, user_id HAVING sum(delta) <> 0 ORDER BY grant_id, kind
            """, values)
        try withoutLedgerDeleteTrigger { try db.run("DELETE FROM credit_ledger WHERE created_at < ?", values) }
        for row in carry {
            let balance = try db.scalar("SELECT balance_after FROM credit_ledger WHERE id = ?", [.integer(row.int("last_id"))])
            try db.run("""
                INSERT INTO credit_ledger (user_id, grant_id, delta, balance_after, kind, reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(row.string("user_id")), .integer(row.int("grant_id")), .integer(row.int("delta")), .integer(max(0, balance)),
                      .text(row.string("kind")), .text(reference), .integer(cut.milliseconds - 1)])
        }
        return carry.count
    }

    public func record(id: String, before: Timestamp, usageRows: Int64, ledgerRows: Int64, manifestSHA256: String, directory: String,
                       at: Timestamp) throws {
        try db.run("""
            INSERT INTO archives (id, before, usage_rows, ledger_rows, manifest_sha256, directory, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(id), .integer(before.milliseconds), .integer(usageRows), .integer(ledgerRows), .text(manifestSHA256),
                  .text(directory), .integer(at.milliseconds)])
    }

    /// Runs `delete` with the ledger's append-only DELETE trigger lifted, inside the caller's
    /// transaction, so it is back in force whatever happens. SQLite drops and recreates it from
    /// its stored text; PostgreSQL disables and re-enables it.
    private func withoutLedgerDeleteTrigger(_ delete: () throws -> Void) throws {
        if db.dialect == .postgresql {
            try db.execute("ALTER TABLE credit_ledger DISABLE TRIGGER credit_ledger_no_delete")
            try delete()
            try db.execute("ALTER TABLE credit_ledger ENABLE TRIGGER credit_ledger_no_delete")
            return
        }
        guard let trigger = try db.queryOne("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'credit_ledger_no_delete'") else {
            throw MissingTrigger()
        }
        try db.execute("DROP TRIGGER credit_ledger_no_delete")
        try delete()
        try db.execute(trigger.string("sql"))
    }
}
