import BillingCore
import BillingProtocol

extension BatchWrites {
    /// Writes every staged row: on PostgreSQL as one statement of data-modifying CTEs when it
    /// can (one round trip instead of five), else a few multi-row statements per table.
    public func write(to db: any Connection) throws {
        if db.dialect == .postgresql, reservationEnds.isEmpty, let statement = oneStatement() {
            try db.run(statement.sql, statement.values)
            return
        }
        if !usage.isEmpty { try BulkStatement.insert(db, into: "usage_logs", columns: UsageRow.columns, rows: usage.map(\.values)) }
        if !reservations.isEmpty {
            try BulkStatement.insert(db, into: "credit_reservations", columns: ReservationRow.columns, rows: reservations.map(\.values))
            try BulkStatement.insert(db, into: "credit_reservation_parts", columns: ReservationRow.partColumns,
                                     rows: reservations.flatMap(\.partValues))
        }
        // After the usage rows and reservations: an end names its usage row, and may end a reservation made in this batch.
        if !reservationEnds.isEmpty { try writeReservationEnds(db) }
        if !ledger.isEmpty { try BulkStatement.insert(db, into: "credit_ledger", columns: LedgerRow.columns, rows: ledger.map(\.values)) }
        if !grants.isEmpty { try writeGrants(db) }
        if !balances.isEmpty { try writeBalances(db) }
        if !answers.isEmpty { try BulkStatement.insert(db, into: "idempotency_keys", columns: IdempotencyRow.columns, rows: answers.map(\.values)) }
    }

    /// PostgreSQL: everything as one statement of data-modifying CTEs; nil when it would bind
    /// more values than one statement may.
    private func oneStatement() -> (sql: String, values: [SQLValue])? {
        var parts: [String] = []
        var values: [SQLValue] = []
        func list(_ rows: [[SQLValue]]) -> String {
            values += rows.flatMap { $0 }
            return BulkStatement.tuples(rows.count, width: rows.first?.count ?? 0)
        }
        func insert(_ table: String, _ columns: [String], _ rows: [[SQLValue]]) {
            guard !rows.isEmpty else { return }
            parts.append("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(list(rows))")
        }
        insert("usage_logs", UsageRow.columns, usage.map(\.values))
        // Parts refer to their reservations: PostgreSQL checks foreign keys at the statement's end.
        insert("credit_reservations", ReservationRow.columns, reservations.map(\.values))
        insert("credit_reservation_parts", ReservationRow.partColumns, reservations.flatMap(\.partValues))
        insert("credit_ledger", LedgerRow.columns, ledger.map(\.values))
        if !grants.isEmpty { parts.append(BatchWrites.grantsUpdate(list(grantRows))) }
        if !balances.isEmpty { parts.append(BatchWrites.balancesUpdate(list(balanceRows))) }
        insert("idempotency_keys", IdempotencyRow.columns, answers.map(\.values))
        guard !parts.isEmpty, values.count <= 60_000 else { return nil }
        return ("WITH " + parts.enumerated().map { "s\($0) AS (\($1))" }.joined(separator: ", ") + " SELECT 1", values)
    }

    /// Grants' remaining credits, in id order, as every batch locks them.
    private var grantRows: [[SQLValue]] {
        grants.sorted { $0.key < $1.key }.map { [SQLValue.integer($0.key), .integer($0.value)] }
    }

    /// Balances, usage and reserved totals, in user order.
    private var balanceRows: [[SQLValue]] {
        balances.sorted { $0.key < $1.key }.map { user, change in
            [SQLValue.text(user), .integer(change.current), .integer(change.used), .integer(change.at), .integer(change.reserved)]
        }
    }

    /// PostgreSQL's UPDATE of `credit_grants` from a VALUES list of `grantRows`.
    private static func grantsUpdate(_ list: String) -> String {
        "UPDATE credit_grants AS g SET remaining = v.column2 FROM (VALUES \(list)) AS v WHERE g.id = v.column1"
    }

    /// PostgreSQL's UPDATE of `user_credits` from a VALUES list of `balanceRows`.
    private static func balancesUpdate(_ list: String) -> String {
        """
        UPDATE user_credits AS u SET current_credits = v.column2, total_credits_used = u.total_credits_used + v.column3,
            credits_used_this_period = u.credits_used_this_period + v.column3, updated_at = v.column4,
            reserved_credits = u.reserved_credits + v.column5
        FROM (VALUES \(list)) AS v WHERE u.user_id = v.column1
        """
    }

    /// Grants' remaining credits: one UPDATE each on SQLite (in process, no round trip), one
    /// UPDATE … FROM (VALUES …) per chunk on PostgreSQL when the batch is too large for
    /// `oneStatement`; in id order, as every batch locks them.
    private func writeGrants(_ db: any Connection) throws {
        let rows = grantRows
        guard db.dialect == .postgresql else {
            for row in rows { try db.run("UPDATE credit_grants SET remaining = ?2 WHERE id = ?1", row) }
            return
        }
        try BulkStatement.run(db, rows: rows, width: 2, BatchWrites.grantsUpdate)
    }

    /// Reservations' ends: one UPDATE each, on either store (a batch's ends may include reservations
    /// it made, which one statement of CTEs would not see).
    private func writeReservationEnds(_ db: any Connection) throws {
        for end in reservationEnds {
            try db.run("UPDATE credit_reservations SET status = ?2, committed_amount = ?3, usage_id = ?4, updated_at = ?5 WHERE id = ?1",
                       [.text(end.id), .text(end.status.rawValue), .optional(end.committedAmount), .optional(end.usageID),
                        .integer(end.at.milliseconds)])
        }
    }

    /// Balances and usage totals, the same way as `writeGrants`, in user order.
    private func writeBalances(_ db: any Connection) throws {
        let rows = balanceRows
        guard db.dialect == .postgresql else {
            for row in rows {
                try db.run("""
                    UPDATE user_credits SET current_credits = ?2, total_credits_used = total_credits_used + ?3,
                        credits_used_this_period = credits_used_this_period + ?3, updated_at = ?4, reserved_credits = reserved_credits + ?5
                    WHERE user_id = ?1
                    """, row)
            }
            return
        }
        try BulkStatement.run(db, rows: rows, width: 5, BatchWrites.balancesUpdate)
    }
}
