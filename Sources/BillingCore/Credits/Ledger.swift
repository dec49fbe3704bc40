import BillingProtocol

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

    static func ensureAccount(_ db: StoreSession, _ user: String, now: Timestamp) throws {
        try db.credits.ensureAccount(user, at: now)
    }

    static func current(_ db: StoreSession, _ user: String) throws -> Int64 {
        try db.credits.balance(user)
    }

    /// The spendable balance, or 1004 with `available` and `requested` when it is short of `amount`.
    @discardableResult
    static func requireAvailable(_ db: StoreSession, _ user: String, _ amount: Int64) throws -> Int64 {
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

    private static func append(_ db: StoreSession, _ user: String, grant: Int64, delta: Int64, balanceAfter: Int64,
                               kind: Kind, reference: String?, now: Timestamp) throws {
        try db.credits.append([entry(user, grant: grant, delta: delta, balanceAfter: balanceAfter, kind: kind, reference: reference, now: now)])
    }

    /// One ledger row: written at once, or with a batch's other rows.
    static func entry(_ user: String, grant: Int64, delta: Int64, balanceAfter: Int64, kind: Kind, reference: String?,
                      now: Timestamp) -> LedgerRow {
        LedgerRow(user: user, grantID: grant, delta: delta, balanceAfter: balanceAfter, kind: kind, reference: reference, at: now)
    }

    /// The most credits one user can ever be granted. Every credit quantity of an account is
    /// bounded by it through `purchased = current + reserved + used + expired + revoked`, so a
    /// grant that stays under it can never overflow a balance, a hold or a total later.
    static let lifetimeLimit = Int64.max

    /// Adds a grant of `amount` credits (counted in `total_credits_purchased`). A grant that would
    /// take the user's lifetime total past `lifetimeLimit` is `-32602` naming `field`, the request
    /// param that carried the amount, and writes nothing.
    @discardableResult
    static func grant(_ db: StoreSession, _ user: String, amount: Int64, source: String, expiresAt: Timestamp?,
                      subscriptionID: String? = nil, paymentID: String? = nil, description: String? = nil,
                      field: String = "amount", now: Timestamp) throws -> Int64 {
        try ensureAccount(db, user, now: now)
        if let expiresAt, expiresAt <= now {
            throw BillingError.invalidParams(field: "expires_at", "'expires_at' must be in the future")
        }
        let account = try db.credits.account(user)
        let purchased = account?.purchased ?? 0
        let (_, lifetimeOverflow) = purchased.addingReportingOverflow(amount)
        let (balance, overflow) = (account?.current ?? 0).addingReportingOverflow(amount)
        guard !lifetimeOverflow, !overflow else {
            throw BillingError(.invalidParams,
                               "granting \(amount) credits would take user '\(user)' past \(lifetimeLimit) credits granted in all (\(purchased) so far)",
                               details: ["field": .string(field), "limit": .int(lifetimeLimit), "total_credits_purchased": .int(purchased)])
        }
        let grantID = try db.credits.insertGrant(user: user, source: source, amount: amount, expiresAt: expiresAt,
                                                 subscriptionID: subscriptionID, paymentID: paymentID, description: description, at: now)
        try db.credits.change(user, by: AccountDelta(current: amount, purchased: amount), at: now)
        try append(db, user, grant: grantID, delta: amount, balanceAfter: balance, kind: .grant,
                   reference: paymentID.map { "payment:\($0)" } ?? subscriptionID.map { "subscription:\($0)" }, now: now)
        return grantID
    }

    /// Takes `amount` from the user's live grants, soonest-expiring first (never-expiring last).
    /// `kind` is consume (counts as used) or reserve (counts as reserved).
    static func take(_ db: StoreSession, _ user: String, amount: Int64, kind: Kind, reference: String,
                     now: Timestamp) throws -> [Part] {
        try spend(db, user, amount: amount, kind: kind, reference: reference, now: now, settledBalance: nil).parts
    }

    /// `take`, also returning the balance after it. `settledBalance` is for a caller that has
    /// already run `settle(db, user, now:)` with the same `now` in the same savepoint and read the
    /// balance that `requireAvailable` approved (as `prepareSpend` does): nothing can have become
    /// due or changed since, so settling and reading again would only repeat three statements.
    static func spend(_ db: StoreSession, _ user: String, amount: Int64, kind: Kind, reference: String,
                      now: Timestamp, settledBalance: Int64?) throws -> (parts: [Part], balance: Int64) {
        var balance: Int64
        if let settledBalance {
            balance = settledBalance
        } else {
            try settle(db, user, now: now)
            balance = try requireAvailable(db, user, amount)
        }
        let grants = try db.credits.liveGrants(user, at: now)
        var left = amount
        var parts: [Part] = []
        for grant in grants where left > 0 {
            let id = grant.id
            let piece = min(left, grant.remaining)
            try db.credits.addToGrant(id, -piece)
            balance -= piece
            left -= piece
            try append(db, user, grant: id, delta: -piece, balanceAfter: balance, kind: kind, reference: reference, now: now)
            parts.append(Part(grantID: id, amount: piece))
        }
        // The balance column and the grants must agree; if they ever do not, fail loudly and change nothing.
        guard left == 0 else { throw LedgerInconsistency(user: user) }
        switch kind {
        case .consume: try db.credits.change(user, by: AccountDelta(current: -amount, used: amount), at: now)
        case .reserve: try db.credits.change(user, by: AccountDelta(current: -amount, reserved: amount), at: now)
        default: preconditionFailure("take does not do \(kind)")
        }
        return (parts, balance)
    }

    /// Puts held credits back into the grants they came from (a reservation's release).
    static func giveBack(_ db: StoreSession, _ user: String, parts: [Part], reference: String, now: Timestamp) throws {
        var balance = try current(db, user)
        var total: Int64 = 0
        for part in parts {
            try db.credits.addToGrant(part.grantID, part.amount)
            // Held credits were part of the lifetime total, so this cannot pass 64 bits unless
            // the stored books are already wrong: then fail this change, never trap.
            balance = try checkedSum(balance, part.amount, user: user)
            total = try checkedSum(total, part.amount, user: user)
            try append(db, user, grant: part.grantID, delta: part.amount, balanceAfter: balance, kind: .release,
                       reference: reference, now: now)
        }
        try db.credits.change(user, by: AccountDelta(current: total, reserved: -total), at: now)
        // Credits returned to a grant that has meanwhile expired must not stay spendable.
        try expireDue(db, user: user, now: now)
    }

    /// Writes off what is left of one expired grant.
    static func expire(_ db: StoreSession, _ grant: StoredGrant, now: Timestamp) throws {
        let (balance, overflow) = try current(db, grant.user).subtractingReportingOverflow(grant.remaining)
        guard !overflow else { throw LedgerInconsistency(user: grant.user) }
        try db.credits.writeOffGrant(grant.id)
        try db.credits.change(grant.user, by: AccountDelta(current: -grant.remaining, expired: grant.remaining), at: now)
        try append(db, grant.user, grant: grant.id, delta: -grant.remaining, balanceAfter: balance, kind: .expire,
                   reference: "grant:\(grant.id)", now: now)
    }

    /// Expires what is left of one user's grants past `expires_at`.
    static func expireDue(_ db: StoreSession, user: String, now: Timestamp) throws {
        for grant in try db.credits.dueGrants(user: user, at: now) { try expire(db, grant, now: now) }
    }

    /// Brings one user's stored state up to `now` before a change: timed-out reservations
    /// are released and expired grants are written off.
    static func settle(_ db: StoreSession, _ user: String, now: Timestamp) throws {
        try Reservations.expireDue(db, user: user, now: now)
        try expireDue(db, user: user, now: now)
    }

    /// Makes a grant's credits expire now (used when a subscription ends early).
    static func expireGrants(_ db: StoreSession, subscriptionID: String, now: Timestamp) throws {
        try db.credits.expirePeriodGrants(subscriptionID: subscriptionID, at: now)
        if let user = try db.subscriptions.owner(of: subscriptionID) {
            try expireDue(db, user: user, now: now)
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
    static func revoke(_ db: StoreSession, _ user: String, grantID: Int64, amount: Int64, reference: String, now: Timestamp) throws {
        let balance = try current(db, user) - amount
        try db.credits.addToGrant(grantID, -amount)
        try db.credits.change(user, by: AccountDelta(current: -amount, revoked: amount), at: now)
        try append(db, user, grant: grantID, delta: -amount, balanceAfter: balance, kind: .revoke, reference: reference, now: now)
    }
}
