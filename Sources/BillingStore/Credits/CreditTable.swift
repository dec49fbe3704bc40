import BillingCore
import BillingProtocol

/// `CreditRecords` in SQL, on one store session.
public struct CreditTable: CreditRecords {
    let db: any Connection

    public func ensureAccount(_ user: String, at: Timestamp) throws {
        try db.run("INSERT INTO user_credits (user_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING",
                   [.text(user), .integer(at.milliseconds), .integer(at.milliseconds)])
    }

    public func account(_ user: String) throws -> CreditAccount? {
        try db.queryOne("SELECT * FROM user_credits WHERE user_id = ?", [.text(user)]).map(CreditAccount.init(row:))
    }

    public func balance(_ user: String) throws -> Int64 {
        try db.scalar("SELECT current_credits FROM user_credits WHERE user_id = ?", [.text(user)])
    }

    public func change(_ user: String, by d: AccountDelta, at: Timestamp) throws {
        try db.run("""
            UPDATE user_credits SET current_credits = current_credits + ?1, total_credits_purchased = total_credits_purchased + ?2,
                total_credits_used = total_credits_used + ?3, credits_used_this_period = credits_used_this_period + ?3,
                reserved_credits = reserved_credits + ?4, total_credits_expired = total_credits_expired + ?5,
                total_credits_revoked = total_credits_revoked + ?6, updated_at = ?7
            WHERE user_id = ?8
            """, [.integer(d.current), .integer(d.purchased), .integer(d.used), .integer(d.reserved), .integer(d.expired),
                  .integer(d.revoked), .integer(at.milliseconds), .text(user)])
    }

    public func balances(_ users: [String], lock: Bool) throws -> [(user: String, current: Int64)] {
        try BulkStatement.select(db, in: users.map(SQLValue.text)) {
            "SELECT user_id, current_credits FROM user_credits WHERE user_id IN (\($0)) ORDER BY user_id" + (lock ? " FOR UPDATE" : "")
        }.map { ($0.string("user_id"), $0.int("current_credits")) }
    }

    public func insertGrant(user: String, source: String, amount: Int64, expiresAt: Timestamp?, subscriptionID: String?,
                            paymentID: String?, description: String?, at: Timestamp) throws -> Int64 {
        try db.run("""
            INSERT INTO credit_grants (user_id, source, amount, remaining, expires_at, subscription_id, payment_id, description, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(user), .text(source), .integer(amount), .integer(amount), .optional(expiresAt?.milliseconds),
                  .optional(subscriptionID), .optional(paymentID), .optional(description), .integer(at.milliseconds)])
        return try db.lastInsertRowID
    }

    public func addToGrant(_ id: Int64, _ delta: Int64) throws {
        try db.run("UPDATE credit_grants SET remaining = remaining + ? WHERE id = ?", [.integer(delta), .integer(id)])
    }

    public func writeOffGrant(_ id: Int64) throws {
        try db.run("UPDATE credit_grants SET remaining = 0 WHERE id = ?", [.integer(id)])
    }

    public func liveGrants(_ user: String, at now: Timestamp) throws -> [StoredGrant] {
        try db.query("""
            SELECT id, user_id, remaining, expires_at FROM credit_grants
            WHERE user_id = ? AND remaining > 0 AND (expires_at IS NULL OR expires_at > ?)
            ORDER BY expires_at IS NULL, expires_at, id
            """, [.text(user), .integer(now.milliseconds)]).map(CreditTable.grant)
    }

    public func grantsWithCredits(_ users: [String]) throws -> [StoredGrant] {
        try BulkStatement.select(db, in: users.map(SQLValue.text)) {
            """
            SELECT id, user_id, remaining, expires_at FROM credit_grants WHERE user_id IN (\($0)) AND remaining > 0
            ORDER BY user_id, expires_at IS NULL, expires_at, id
            """
        }.map(CreditTable.grant)
    }

    public func dueGrants(user: String?, at now: Timestamp) throws -> [StoredGrant] {
        // Two statements, not `(?2 IS NULL OR user_id = ?2)`: that form keeps SQLite off the user index.
        let rows = if let user {
            try db.query("""
                SELECT id, user_id, remaining, expires_at FROM credit_grants
                WHERE user_id = ?2 AND remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?1 ORDER BY expires_at, id
                """, [.integer(now.milliseconds), .text(user)])
        } else {
            try db.query("""
                SELECT id, user_id, remaining, expires_at FROM credit_grants
                WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?1 ORDER BY user_id, expires_at, id
                """, [.integer(now.milliseconds)])
        }
        return rows.map(CreditTable.grant)
    }

    public func grants(ofPayment paymentID: String) throws -> [(id: Int64, remaining: Int64)] {
        try db.query("SELECT id, remaining FROM credit_grants WHERE payment_id = ? ORDER BY id", [.text(paymentID)])
            .map { ($0.int("id"), $0.int("remaining")) }
    }

    public func expirePeriodGrants(subscriptionID: String, at now: Timestamp) throws {
        try db.run("""
            UPDATE credit_grants SET expires_at = ?1
            WHERE subscription_id = ?2 AND source = 'period' AND (expires_at IS NULL OR expires_at > ?1)
            """, [.integer(now.milliseconds), .text(subscriptionID)])
    }

    public func pendingExpiry(_ user: String, at now: Timestamp) throws -> Int64 {
        try db.scalar("""
            SELECT coalesce(sum(remaining), 0) FROM credit_grants
            WHERE user_id = ? AND remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?
            """, [.text(user), .integer(now.milliseconds)])
    }

    public func shownGrants(_ user: String, at now: Timestamp) throws -> [ShownGrant] {
        try db.query("""
            SELECT id, source, amount, remaining, expires_at FROM credit_grants
            WHERE user_id = ?1 AND (remaining > 0 OR id IN (SELECT grant_id FROM credit_reservation_parts p
                  JOIN credit_reservations r ON r.id = p.reservation_id WHERE r.user_id = ?1 AND r.status = 'held'))
              AND (expires_at IS NULL OR expires_at > ?2)
            ORDER BY expires_at IS NULL, expires_at, id
            """, [.text(user), .integer(now.milliseconds)]).map {
            ShownGrant(id: $0.int("id"), source: $0.string("source"), amount: $0.int("amount"), remaining: $0.int("remaining"),
                       expiresAt: $0.optionalInt("expires_at").map(Timestamp.init(milliseconds:)))
        }
    }

    public func append(_ entries: [LedgerRow]) throws {
        guard !entries.isEmpty else { return }
        try BulkStatement.insert(db, into: "credit_ledger", columns: LedgerRow.columns, rows: entries.map(\.values))
    }

    public func ledger(_ user: String, before: Int64?, limit: Int64) throws -> [LedgerEntry] {
        try db.query("""
            SELECT id, grant_id, delta, balance_after, kind, reference, created_at FROM credit_ledger
            WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?
            """, [.text(user), .integer(before ?? Int64.max), .integer(limit)]).map { row in
            LedgerEntry(entryID: String(row.int("id")), grantID: String(row.int("grant_id")), delta: row.int("delta"),
                        balanceAfter: row.int("balance_after"), kind: LedgerKind(rawValue: row.string("kind")) ?? .grant,
                        reference: row.optionalString("reference"), createdAt: Timestamp(milliseconds: row.int("created_at")))
        }
    }

    public func reservation(_ id: String) throws -> StoredReservation? {
        try db.queryOne("SELECT id, user_id, amount, status, expires_at FROM credit_reservations WHERE id = ?", [.text(id)]).map {
            StoredReservation(id: id, user: $0.string("user_id"), amount: $0.int("amount"),
                              status: ReservationStatus(rawValue: $0.string("status")) ?? .held,
                              expiresAt: Timestamp(milliseconds: $0.int("expires_at")))
        }
    }

    public func reservationOwner(_ id: String) throws -> String? {
        try db.queryOne("SELECT user_id FROM credit_reservations WHERE id = ?", [.text(id)])?.string("user_id")
    }

    public func parts(ofReservation id: String) throws -> [HeldPart] {
        try db.query("""
            SELECT p.grant_id, p.amount, g.expires_at FROM credit_reservation_parts p JOIN credit_grants g ON g.id = p.grant_id
            WHERE p.reservation_id = ? ORDER BY g.expires_at IS NULL, g.expires_at, g.id
            """, [.text(id)]).map {
            HeldPart(reservationID: id, grantID: $0.int("grant_id"), amount: $0.int("amount"), grantExpiresAt: $0.optionalInt("expires_at"))
        }
    }

    public func insert(_ reservation: ReservationRow) throws {
        try BulkStatement.insert(db, into: "credit_reservations", columns: ReservationRow.columns, rows: [reservation.values])
        let parts = reservation.partValues
        if !parts.isEmpty {
            try BulkStatement.insert(db, into: "credit_reservation_parts", columns: ReservationRow.partColumns, rows: parts)
        }
    }

    public func end(_ end: ReservationEnd) throws {
        try db.run("UPDATE credit_reservations SET status = ?2, committed_amount = ?3, usage_id = ?4, updated_at = ?5 WHERE id = ?1",
                   [.text(end.id), .text(end.status.rawValue), .optional(end.committedAmount), .optional(end.usageID),
                    .integer(end.at.milliseconds)])
    }

    public func heldParts(ofGrant id: Int64) throws -> [(reservationID: String, amount: Int64, total: Int64)] {
        try db.query("""
            SELECT p.reservation_id, p.amount, r.amount AS total FROM credit_reservation_parts p
            JOIN credit_reservations r ON r.id = p.reservation_id WHERE p.grant_id = ? AND r.status = 'held'
            """, [.integer(id)]).map {
            ($0.string("reservation_id"), $0.int("amount"), $0.int("total"))
        }
    }

    public func removePart(reservationID: String, grantID: Int64) throws {
        try db.run("DELETE FROM credit_reservation_parts WHERE reservation_id = ? AND grant_id = ?", [.text(reservationID), .integer(grantID)])
    }

    public func shrinkReservation(_ id: String, by amount: Int64, at: Timestamp) throws {
        try db.run("UPDATE credit_reservations SET amount = amount - ?, updated_at = ? WHERE id = ?",
                   [.integer(amount), .integer(at.milliseconds), .text(id)])
    }

    public func dueReservations(user: String?, at now: Timestamp) throws -> [String] {
        // Two statements, not `(?2 IS NULL OR user_id = ?2)`: that form keeps SQLite off the user index.
        let rows = if let user {
            try db.query("SELECT id FROM credit_reservations WHERE user_id = ?2 AND status = 'held' AND expires_at <= ?1",
                         [.integer(now.milliseconds), .text(user)])
        } else {
            try db.query("SELECT id FROM credit_reservations WHERE status = 'held' AND expires_at <= ?1", [.integer(now.milliseconds)])
        }
        return rows.map { $0.string("id") }
    }

    public func timedOutParts(_ user: String, at now: Timestamp) throws -> [HeldPart] {
        try db.query("""
            SELECT r.id, p.grant_id, p.amount, g.expires_at FROM credit_reservations r
            JOIN credit_reservation_parts p ON p.reservation_id = r.id JOIN credit_grants g ON g.id = p.grant_id
            WHERE r.user_id = ? AND r.status = 'held' AND r.expires_at <= ?
            """, [.text(user), .integer(now.milliseconds)]).map {
            HeldPart(reservationID: $0.string("id"), grantID: $0.int("grant_id"), amount: $0.int("amount"),
                     grantExpiresAt: $0.optionalInt("expires_at"))
        }
    }

    public func heldReservations(_ users: [String]) throws -> [HeldReservationRow] {
        let rows = try BulkStatement.select(db, in: users.map(SQLValue.text)) {
            // LEFT JOINs: a hold must be known (it comes due) even if its parts were somehow missing.
            """
            SELECT r.id, r.user_id, r.amount, r.expires_at, p.grant_id, p.amount AS part, g.expires_at AS grant_expires_at
            FROM credit_reservations r LEFT JOIN credit_reservation_parts p ON p.reservation_id = r.id
            LEFT JOIN credit_grants g ON g.id = p.grant_id
            WHERE r.user_id IN (\($0)) AND r.status = 'held'
            ORDER BY r.id, g.expires_at IS NULL, g.expires_at, g.id
            """
        }
        return Dictionary(grouping: rows, by: { $0.string("id") }).map { id, rows in
            HeldReservationRow(
                id: id, user: rows[0].string("user_id"), amount: rows[0].int("amount"), expiresAt: rows[0].int("expires_at"),
                parts: rows.compactMap { row in
                    row.optionalInt("grant_id").map {
                        HeldPart(reservationID: id, grantID: $0, amount: row.int("part"), grantExpiresAt: row.optionalInt("grant_expires_at"))
                    }
                })
        }
    }

    private static func grant(_ row: Row) -> StoredGrant {
        StoredGrant(id: row.int("id"), user: row.string("user_id"), remaining: row.int("remaining"), expiresAt: row.optionalInt("expires_at"))
    }
}
