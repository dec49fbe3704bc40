import BillingProtocol
import BillingStore

/// The credits ledger. Credits live in grants; every change of a balance appends one
/// `credit_ledger` row per grant it touches and updates `user_credits` in the same savepoint,
/// so balance = Σ live grant remaining = Σ ledger deltas at every commit.
enum Ledger {
    typealias Kind = LedgerKind

    /// What a take removed from which grant, so a release can put it back exactly.
    struct Part: Sendable {
        let grantID: Int64
        let amount: Int64
    }

    static func ensureAccount(_ db: Connection, _ user: String, now: Timestamp) throws {
        try db.run("INSERT INTO user_credits (user_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING",
                   [.text(user), .integer(now.milliseconds), .integer(now.milliseconds)])
    }

    static func current(_ db: Connection, _ user: String) throws -> Int64 {
        try db.scalar("SELECT current_credits FROM user_credits WHERE user_id = ?", [.text(user)])
    }

    /// The spendable balance, or 1004 with `available` and `requested` when it is short of `amount`.
    @discardableResult
    static func requireAvailable(_ db: Connection, _ user: String, _ amount: Int64) throws -> Int64 {
        try requireAvailable(try current(db, user), amount)
    }

    /// `available`, or 1004 when it is short of `amount`.
    @discardableResult
    static func requireAvailable(_ available: Int64, _ amount: Int64) throws -> Int64 {
        guard available >= amount else {
            throw BillingError(.insufficientCredits, "insufficient credits: \(available) available, \(amount) requested",
                               details: ["available": .int(available), "requested": .int(amount)])
        }
        return available
    }

    private static func append(_ db: Connection, _ user: String, grant: Int64, delta: Int64, balanceAfter: Int64,
                               kind: Kind, reference: String?, now: Timestamp) throws {
        try BulkStatement.insert(db, into: "credit_ledger", columns: entryColumns,
                                 rows: [entry(user, grant: grant, delta: delta, balanceAfter: balanceAfter, kind: kind, reference: reference,
                                              now: now)])
    }

    /// The columns a new `credit_ledger` row sets, in the order of `entry`.
    static let entryColumns = ["user_id", "grant_id", "delta", "balance_after", "kind", "reference", "created_at"]

    /// One ledger row's values (for `entryColumns`): written at once, or with a batch's other rows.
    static func entry(_ user: String, grant: Int64, delta: Int64, balanceAfter: Int64, kind: Kind, reference: String?,
                      now: Timestamp) -> [SQLValue] {
        [.text(user), .integer(grant), .integer(delta), .integer(balanceAfter), .text(kind.rawValue), .optional(reference),
         .integer(now.milliseconds)]
    }

    /// The most credits one user can ever be granted. Every credit quantity of an account is
    /// bounded by it through `purchased = current + reserved + used + expired + revoked`, so a
    /// grant that stays under it can never overflow a balance, a hold or a total later.
    static let lifetimeLimit = Int64.max

    /// Adds a grant of `amount` credits (counted in `total_credits_purchased`). A grant that would
    /// take the user's lifetime total past `lifetimeLimit` is `-32602` naming `field`, the request
    /// param that carried the amount, and writes nothing.
    @discardableResult
    static func grant(_ db: Connection, _ user: String, amount: Int64, source: String, expiresAt: Timestamp?,
                      subscriptionID: String? = nil, paymentID: String? = nil, description: String? = nil,
                      field: String = "amount", now: Timestamp) throws -> Int64 {
        try ensureAccount(db, user, now: now)
        if let expiresAt, expiresAt <= now {
            throw BillingError.invalidParams(field: "expires_at", "'expires_at' must be in the future")
        }
        let account = try db.queryOne("SELECT current_credits, total_credits_purchased FROM user_credits WHERE user_id = ?", [.text(user)])
        let purchased = account?.int("total_credits_purchased") ?? 0
        let (_, lifetimeOverflow) = purchased.addingReportingOverflow(amount)
        let (balance, overflow) = (account?.int("current_credits") ?? 0).addingReportingOverflow(amount)
        guard !lifetimeOverflow, !overflow else {
            throw BillingError(.invalidParams,
                               "granting \(amount) credits would take user '\(user)' past \(lifetimeLimit) credits granted in all (\(purchased) so far)",
                               details: ["field": .string(field), "limit": .int(lifetimeLimit), "total_credits_purchased": .int(purchased)])
        }
        try db.run("""
            INSERT INTO credit_grants (user_id, source, amount, remaining, expires_at, subscription_id, payment_id, description, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(user), .text(source), .integer(amount), .integer(amount), .optional(expiresAt?.milliseconds),
                  .optional(subscriptionID), .optional(paymentID), .optional(description), .integer(now.milliseconds)])
        let grantID = try db.lastInsertRowID
        try db.run("""
            UPDATE user_credits SET current_credits = ?, total_credits_purchased = total_credits_purchased + ?, updated_at = ?
            WHERE user_id = ?
            """, [.integer(balance), .integer(amount), .integer(now.milliseconds), .text(user)])
        try append(db, user, grant: grantID, delta: amount, balanceAfter: balance, kind: .grant,
                   reference: paymentID.map { "payment:\($0)" } ?? subscriptionID.map { "subscription:\($0)" }, now: now)
        return grantID
    }

    /// Takes `amount` from the user's live grants, soonest-expiring first (never-expiring last).
    /// `kind` is consume (counts as used) or reserve (counts as reserved).
    static func take(_ db: Connection, _ user: String, amount: Int64, kind: Kind, reference: String,
                     now: Timestamp) throws -> [Part] {
        try spend(db, user, amount: amount, kind: kind, reference: reference, now: now, settledBalance: nil).parts
    }

    /// `take`, also returning the balance after it. `settledBalance` is for a caller that has
    /// already run `settle(db, user, now:)` with the same `now` in the same savepoint and read the
    /// balance that `requireAvailable` approved (as `prepareSpend` does): nothing can have become
    /// due or changed since, so settling and reading again would only repeat three statements.
    static func spend(_ db: Connection, _ user: String, amount: Int64, kind: Kind, reference: String,
                      now: Timestamp, settledBalance: Int64?) throws -> (parts: [Part], balance: Int64) {
        var balance: Int64
        if let settledBalance {
            balance = settledBalance
        } else {
            try settle(db, user, now: now)
            balance = try requireAvailable(db, user, amount)
        }
        let grants = try liveGrants(db, user, now: now)
        var left = amount
        var parts: [Part] = []
        for grant in grants where left > 0 {
            let id = grant.id
            let piece = min(left, grant.remaining)
            try db.run("UPDATE credit_grants SET remaining = remaining - ? WHERE id = ?", [.integer(piece), .integer(id)])
            balance -= piece
            left -= piece
            try append(db, user, grant: id, delta: -piece, balanceAfter: balance, kind: kind, reference: reference, now: now)
            parts.append(Part(grantID: id, amount: piece))
        }
        // The balance column and the grants must agree; if they ever do not, fail loudly and change nothing.
        guard left == 0 else { throw LedgerInconsistency(user: user) }
        let column: String
        switch kind {
        case .consume: column = "total_credits_used = total_credits_used + ?1, credits_used_this_period = credits_used_this_period + ?1"
        case .reserve: column = "reserved_credits = reserved_credits + ?1"
        default: preconditionFailure("take does not do \(kind)")
        }
        try db.run("UPDATE user_credits SET current_credits = current_credits - ?1, \(column), updated_at = ?2 WHERE user_id = ?3",
                   [.integer(amount), .integer(now.milliseconds), .text(user)])
        return (parts, balance)
    }

    /// The user's grants with credits left that have not expired at `now`, in spend order.
    static func liveGrants(_ db: Connection, _ user: String, now: Timestamp) throws -> [AccountCache.LiveGrant] {
        try db.query("""
            SELECT id, remaining, expires_at FROM credit_grants
            WHERE user_id = ? AND remaining > 0 AND (expires_at IS NULL OR expires_at > ?)
            ORDER BY expires_at IS NULL, expires_at, id
            """, [.text(user), .integer(now.milliseconds)]).map {
            AccountCache.LiveGrant(id: $0.int("id"), remaining: $0.int("remaining"), expiresAt: $0.optionalInt("expires_at"))
        }
    }

    /// Puts held credits back into the grants they came from (a reservation's release).
    static func giveBack(_ db: Connection, _ user: String, parts: [Part], reference: String, now: Timestamp) throws {
        var balance = try current(db, user)
        var total: Int64 = 0
        for part in parts {
            try db.run("UPDATE credit_grants SET remaining = remaining + ? WHERE id = ?", [.integer(part.amount), .integer(part.grantID)])
            // Held credits were part of the lifetime total, so this cannot pass 64 bits unless
            // the stored books are already wrong: then fail this change, never trap.
            balance = try checkedSum(balance, part.amount, user: user)
            total = try checkedSum(total, part.amount, user: user)
            try append(db, user, grant: part.grantID, delta: part.amount, balanceAfter: balance, kind: .release,
                       reference: reference, now: now)
        }
        try db.run("""
            UPDATE user_credits SET current_credits = current_credits + ?1, reserved_credits = reserved_credits - ?1, updated_at = ?2
            WHERE user_id = ?3
            """, [.integer(total), .integer(now.milliseconds), .text(user)])
        // Credits returned to a grant that has meanwhile expired must not stay spendable.
        try expireDue(db, user: user, now: now)
    }

    /// A grant past `expires_at` that still holds credits.
    struct DueGrant: Sendable {
        let id: Int64
        let user: String
        let remaining: Int64
    }

    /// Grants past `expires_at` with credits left (one user's, or everyone's when `user` is nil).
    static func dueGrants(_ db: Connection, user: String?, now: Timestamp) throws -> [DueGrant] {
        // Two statements, not `(?2 IS NULL OR user_id = ?2)`: that form keeps SQLite off the user index.
        let rows = if let user {
            try db.query("""
                SELECT id, user_id, remaining FROM credit_grants
                WHERE user_id = ?2 AND remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?1 ORDER BY expires_at, id
                """, [.integer(now.milliseconds), .text(user)])
        } else {
            try db.query("""
                SELECT id, user_id, remaining FROM credit_grants
                WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?1 ORDER BY user_id, expires_at, id
                """, [.integer(now.milliseconds)])
        }
        return rows.map { DueGrant(id: $0.int("id"), user: $0.string("user_id"), remaining: $0.int("remaining")) }
    }

    /// Writes off what is left of one expired grant.
    static func expire(_ db: Connection, _ grant: DueGrant, now: Timestamp) throws {
        let (balance, overflow) = try current(db, grant.user).subtractingReportingOverflow(grant.remaining)
        guard !overflow else { throw LedgerInconsistency(user: grant.user) }
        try db.run("UPDATE credit_grants SET remaining = 0 WHERE id = ?", [.integer(grant.id)])
        try db.run("""
            UPDATE user_credits SET current_credits = ?1, total_credits_expired = total_credits_expired + ?2, updated_at = ?3
            WHERE user_id = ?4
            """, [.integer(balance), .integer(grant.remaining), .integer(now.milliseconds), .text(grant.user)])
        try append(db, grant.user, grant: grant.id, delta: -grant.remaining, balanceAfter: balance, kind: .expire,
                   reference: "grant:\(grant.id)", now: now)
    }

    /// Expires what is left of one user's grants past `expires_at`.
    static func expireDue(_ db: Connection, user: String, now: Timestamp) throws {
        for grant in try dueGrants(db, user: user, now: now) { try expire(db, grant, now: now) }
    }

    /// Brings one user's stored state up to `now` before a change: timed-out reservations
    /// are released and expired grants are written off.
    static func settle(_ db: Connection, _ user: String, now: Timestamp) throws {
        try Reservations.expireDue(db, user: user, now: now)
        try expireDue(db, user: user, now: now)
    }

    /// Makes a grant's credits expire now (used when a subscription ends early).
    static func expireGrants(_ db: Connection, subscriptionID: String, now: Timestamp) throws {
        try db.run("""
            UPDATE credit_grants SET expires_at = ?1
            WHERE subscription_id = ?2 AND source = 'period' AND (expires_at IS NULL OR expires_at > ?1)
            """, [.integer(now.milliseconds), .text(subscriptionID)])
        if let user = try db.queryOne("SELECT user_id FROM user_subscriptions WHERE id = ?", [.text(subscriptionID)]) {
            try expireDue(db, user: user.string("user_id"), now: now)
        }
    }
}

extension Ledger {
    /// `a + b`, or `LedgerInconsistency` when stored values that the lifetime limit keeps small
    /// add up past 64 bits (a damaged database): the change fails alone, the daemon keeps serving.
    static func checkedSum(_ a: Int64, _ b: Int64, user: String) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw LedgerInconsistency(user: user) }
        return sum
    }
}

/// The stored balance and the grants disagree: a bug, reported as an internal error with nothing applied.
struct LedgerInconsistency: Error, CustomStringConvertible {
    let user: String
    var description: String { "ledger inconsistency for user \(user): balance and grants disagree" }
}

extension Ledger {
    /// Takes `amount` out of one specific grant (a refund takes back that payment's credits).
    static func revoke(_ db: Connection, _ user: String, grantID: Int64, amount: Int64, reference: String, now: Timestamp) throws {
        let balance = try current(db, user) - amount
        try db.run("UPDATE credit_grants SET remaining = remaining - ? WHERE id = ?", [.integer(amount), .integer(grantID)])
        try db.run("""
            UPDATE user_credits SET current_credits = ?1, total_credits_revoked = total_credits_revoked + ?2, updated_at = ?3
            WHERE user_id = ?4
            """, [.integer(balance), .integer(amount), .integer(now.milliseconds), .text(user)])
        try append(db, user, grant: grantID, delta: -amount, balanceAfter: balance, kind: .revoke, reference: reference, now: now)
    }
}
