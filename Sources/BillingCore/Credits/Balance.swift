import BillingProtocol
import BillingStore

/// `credits.get`, computed on a read snapshot as of `now`: grants past `expires_at` and
/// reservations past their timeout are already treated as the next sweep will write them, so
/// expired credits are never counted even before the sweep has run.
enum Balance {
    static func get(_ db: Connection, _ user: String, now: Timestamp) throws -> CreditBalance {
        guard let account = try db.queryOne("SELECT * FROM user_credits WHERE user_id = ?", [.text(user)]) else {
            throw BillingError.notFound("user", user)
        }
        let t = Int64(now.milliseconds)
        // Held by reservations that have timed out: back to their grant if it is still live, else expired.
        var returning: [Int64: Int64] = [:]
        var heldExpired: Int64 = 0
        var heldDead: Int64 = 0
        for row in try db.query("""
            SELECT p.grant_id, p.amount, g.expires_at FROM credit_reservations r
            JOIN credit_reservation_parts p ON p.reservation_id = r.id JOIN credit_grants g ON g.id = p.grant_id
            WHERE r.user_id = ? AND r.status = 'held' AND r.expires_at <= ?
            """, [.text(user), .integer(t)])
        {
            heldExpired += row.int("amount")
            if let expires = row.optionalInt("expires_at"), expires <= t {
                heldDead += row.int("amount")
            } else {
                returning[row.int("grant_id"), default: 0] += row.int("amount")
            }
        }
        let pendingExpiry = try db.scalar("""
            SELECT coalesce(sum(remaining), 0) FROM credit_grants
            WHERE user_id = ? AND remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?
            """, [.text(user), .integer(t)])
        var grants: [CreditBalance.Grant] = []
        for row in try db.query("""
            SELECT id, source, amount, remaining, expires_at FROM credit_grants
            WHERE user_id = ?1 AND (remaining > 0 OR id IN (SELECT grant_id FROM credit_reservation_parts p
                  JOIN credit_reservations r ON r.id = p.reservation_id WHERE r.user_id = ?1 AND r.status = 'held'))
              AND (expires_at IS NULL OR expires_at > ?2)
            ORDER BY expires_at IS NULL, expires_at, id
            """, [.text(user), .integer(t)])
        {
            let remaining = row.int("remaining") + returning[row.int("id"), default: 0]
            guard remaining > 0 else { continue }
            grants.append(CreditBalance.Grant(grantID: String(row.int("id")), source: row.string("source"), amount: row.int("amount"),
                                              remaining: remaining, expiresAt: row.optionalInt("expires_at").map(Timestamp.init(milliseconds:))))
        }
        func time(_ name: String) -> Timestamp? { account.optionalInt(name).map(Timestamp.init(milliseconds:)) }
        return CreditBalance(
            userID: user, currentCredits: account.int("current_credits") - pendingExpiry + (heldExpired - heldDead),
            reservedCredits: account.int("reserved_credits") - heldExpired,
            totalCreditsPurchased: account.int("total_credits_purchased"), totalCreditsUsed: account.int("total_credits_used"),
            totalCreditsExpired: account.int("total_credits_expired") + pendingExpiry + heldDead,
            totalCreditsRevoked: account.int("total_credits_revoked"), creditsUsedThisPeriod: account.int("credits_used_this_period"),
            subscriptionID: account.optionalString("subscription_id"), periodStart: time("period_start"), periodEnd: time("period_end"),
            lastCreditRefill: time("last_credit_refill"), nextCreditRefill: time("next_credit_refill"), grants: grants)
    }

    /// `credits.ledger`: entries newest first, paged by entry id.
    static func ledger(_ db: Connection, _ user: String, limit: Int64, cursor: String?) throws -> LedgerPage {
        guard try db.scalar("SELECT count(*) FROM user_credits WHERE user_id = ?", [.text(user)]) > 0 else {
            throw BillingError.notFound("user", user)
        }
        var before = Int64.max
        if let cursor {
            guard let value = Int64(cursor), value > 0 else { throw BillingError.invalidParams(field: "cursor", "'cursor' is not a cursor of this list") }
            before = value
        }
        let rows = try db.query("""
            SELECT id, grant_id, delta, balance_after, kind, reference, created_at FROM credit_ledger
            WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?
            """, [.text(user), .integer(before), .integer(limit + 1)])
        let page = rows.prefix(Int(limit))
        return LedgerPage(
            entries: page.map { row in
                LedgerEntry(entryID: String(row.int("id")), grantID: String(row.int("grant_id")), delta: row.int("delta"),
                            balanceAfter: row.int("balance_after"), kind: LedgerKind(rawValue: row.string("kind")) ?? .grant,
                            reference: row.optionalString("reference"), createdAt: Timestamp(milliseconds: row.int("created_at")))
            },
            nextCursor: rows.count > Int(limit) ? String(page.last!.int("id")) : nil)
    }
}
