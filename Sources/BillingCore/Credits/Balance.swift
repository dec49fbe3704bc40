import BillingProtocol

/// `credits.get`, computed on a read snapshot as of `now`: grants past `expires_at` and
/// reservations past their timeout are already treated as the next sweep will write them, so
/// expired credits are never counted even before the sweep has run.
enum Balance {
    static func get(_ db: StoreSession, _ user: String, now: Timestamp) throws -> CreditBalance {
        guard let account = try db.credits.account(user) else { throw BillingError.notFound("user", user) }
        let t = Int64(now.milliseconds)
        // Held by reservations that have timed out: back to their grant if it is still live, else expired.
        var returning: [Int64: Int64] = [:]
        var heldExpired: Int64 = 0
        var heldDead: Int64 = 0
        for part in try db.credits.timedOutParts(user, at: now) {
            heldExpired += part.amount
            if let expires = part.grantExpiresAt, expires <= t {
                heldDead += part.amount
            } else {
                returning[part.grantID, default: 0] += part.amount
            }
        }
        let pendingExpiry = try db.credits.pendingExpiry(user, at: now)
        var grants: [CreditBalance.Grant] = []
        for grant in try db.credits.shownGrants(user, at: now) {
            let remaining = grant.remaining + returning[grant.id, default: 0]
            guard remaining > 0 else { continue }
            grants.append(CreditBalance.Grant(grantID: String(grant.id), source: grant.source, amount: grant.amount,
                                              remaining: remaining, expiresAt: grant.expiresAt))
        }
        return CreditBalance(
            userID: user, currentCredits: account.current - pendingExpiry + (heldExpired - heldDead),
            reservedCredits: account.reserved - heldExpired, totalCreditsPurchased: account.purchased, totalCreditsUsed: account.used,
            totalCreditsExpired: account.expired + pendingExpiry + heldDead, totalCreditsRevoked: account.revoked,
            creditsUsedThisPeriod: account.usedThisPeriod, subscriptionID: account.subscriptionID, periodStart: account.periodStart,
            periodEnd: account.periodEnd, lastCreditRefill: account.lastCreditRefill, nextCreditRefill: account.nextCreditRefill,
            grants: grants)
    }

    /// `credits.ledger`: entries newest first, paged by entry id.
    static func ledger(_ db: StoreSession, _ user: String, limit: Int64, cursor: String?) throws -> LedgerPage {
        guard try db.credits.account(user) != nil else { throw BillingError.notFound("user", user) }
        var before: Int64? = nil
        if let cursor {
            guard let value = Int64(cursor), value > 0 else { throw BillingError.invalidParams(field: "cursor", "'cursor' is not a cursor of this list") }
            before = value
        }
        let entries = try db.credits.ledger(user, before: before, limit: limit + 1)
        let page = Array(entries.prefix(Int(limit)))
        return LedgerPage(entries: page, nextCursor: entries.count > Int(limit) ? page.last?.entryID : nil)
    }
}
