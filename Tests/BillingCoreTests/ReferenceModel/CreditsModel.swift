import BillingProtocol

/// A small, obviously-correct model of the credit rules (CONTRACT section 5, `Protocol/` 8.1,
/// 8.5, 8.6): plain arrays, whole-state settling before every step, no storage. The
/// differential test runs the same commands through the daemon and through this, and every
/// answer and the books must agree.
struct CreditsModel {
    struct Grant {
        let id: Int64
        let amount: Int64
        var remaining: Int64
        let expiresAt: Int64?
    }

    struct Hold {
        let user: String
        var parts: [(grant: Int64, amount: Int64)]
        let amount: Int64
        let expiresAt: Int64
        var status: String
    }

    struct Account {
        var grants: [Grant] = []
        var purchased: Int64 = 0
        var used: Int64 = 0
        var expired: Int64 = 0
        var reserved: Int64 = 0
    }

    /// What the model answers: a result's compared members, or an error's type and facts.
    enum Answer: Equatable {
        case ok([String: Int64])
        case failed(type: String, facts: [String: Int64])
    }

    private(set) var now: Int64
    private(set) var accounts: [String: Account] = [:]
    private var holds: [String: Hold] = [:]
    private var nextGrant: Int64 = 1
    /// Stored answers of keyed consumes: the params they were given (as text) and the answer.
    private var keys: [String: (params: String, answer: Answer, at: Int64)] = [:]
    /// Keys are kept 8 days (the contract says at least 7), pruned when the clock moves.
    static let keyRetention: Int64 = 8 * 86_400_000
    private var windows: [String: (minute: (Int64, Int64), hour: (Int64, Int64), day: (Int64, Int64))] = [:]
    /// The free plan's windows (users here have no subscription).
    static let limits = (minute: Int64(5), hour: Int64(50), day: Int64(10))

    init(now: Int64) { self.now = now }

    // MARK: time

    /// What the scheduler (and every read) does at `now`: timed-out holds go back, then expired
    /// grants are written off.
    private mutating func settle() {
        for (id, hold) in holds where hold.status == "held" && hold.expiresAt <= now {
            giveBack(hold.user, hold.parts)
            accounts[hold.user]!.reserved -= hold.amount
            holds[id]!.status = "expired"
        }
        for user in accounts.keys {
            for index in accounts[user]!.grants.indices {
                let grant = accounts[user]!.grants[index]
                if let expiresAt = grant.expiresAt, expiresAt <= now, grant.remaining > 0 {
                    accounts[user]!.expired += grant.remaining
                    accounts[user]!.grants[index].remaining = 0
                }
            }
        }
    }

    mutating func advance(_ ms: Int64) {
        now += ms
        settle()
        keys = keys.filter { $0.value.at >= now - Self.keyRetention }
    }

    // MARK: commands

    mutating func grant(_ user: String, _ amount: Int64, expiresIn: Int64?) -> Answer {
        settle()
        var account = accounts[user] ?? Account()
        account.grants.append(Grant(id: nextGrant, amount: amount, remaining: amount, expiresAt: expiresIn.map { now + $0 }))
        account.purchased += amount
        nextGrant += 1
        accounts[user] = account
        return .ok(balance(user))
    }

    mutating func consume(_ user: String, _ amount: Int64, key: String?, dryRun: Bool, checkRateLimit: Bool) -> Answer {
        let params = "\(user)|\(amount)|\(dryRun)|\(checkRateLimit)"
        if let key, let earlier = keys["consume:\(key)"] {
            return earlier.params == params ? earlier.answer : .failed(type: "idempotency_conflict", facts: [:])
        }
        settle()
        let available = spendable(user)
        guard available >= amount else { return .failed(type: "insufficient_credits", facts: ["available": available, "requested": amount]) }
        if checkRateLimit {
            let retry = rateLimit(user, take: !dryRun)
            guard retry == 0 else { return .failed(type: "rate_limited", facts: ["retry_after_ms": retry]) }
        }
        let answer = Answer.ok(["credits_used": amount, "current_credits": available - amount, "dry_run": dryRun ? 1 : 0])
        guard !dryRun else { return answer }
        _ = take(user, amount)
        accounts[user]!.used += amount
        if let key { keys["consume:\(key)"] = (params, answer, now) }
        return answer
    }

    /// Returns the daemon-made id's slot: the caller records the real id with `adopt`.
    mutating func reserve(_ user: String, _ amount: Int64, ttl: Int64) -> (Answer, Hold?) {
        settle()
        let available = spendable(user)
        guard available >= amount else {
            return (.failed(type: "insufficient_credits", facts: ["available": available, "requested": amount]), nil)
        }
        let parts = take(user, amount)
        accounts[user]!.reserved += amount
        let hold = Hold(user: user, parts: parts, amount: amount, expiresAt: now + ttl, status: "held")
        return (.ok(["amount": amount, "current_credits": available - amount, "expires_at": now + ttl]), hold)
    }

    mutating func adopt(_ id: String, _ hold: Hold) { holds[id] = hold }

    mutating func commit(_ id: String, amount given: Int64?) -> Answer {
        settle()
        guard let hold = holds[id] else { return .failed(type: "not_found", facts: [:]) }
        guard hold.status == "held" else { return .failed(type: "invalid_state", facts: [:]) }
        let amount = given ?? hold.amount
        guard amount <= hold.amount else { return .failed(type: "invalid_params", facts: [:]) }
        var toSpend = amount
        var rest: [(grant: Int64, amount: Int64)] = []
        for part in ordered(hold.parts) {
            let spent = min(toSpend, part.amount)
            toSpend -= spent
            if part.amount > spent { rest.append((part.grant, part.amount - spent)) }
        }
        giveBack(hold.user, rest)
        accounts[hold.user]!.reserved -= hold.amount
        accounts[hold.user]!.used += amount
        holds[id]!.status = "committed"
        settle()
        return .ok(["credits_used": amount, "released": hold.amount - amount, "current_credits": spendable(hold.user)])
    }

    mutating func release(_ id: String) -> Answer {
        settle()
        guard let hold = holds[id] else { return .failed(type: "not_found", facts: [:]) }
        guard hold.status == "held" else { return .failed(type: "invalid_state", facts: [:]) }
        giveBack(hold.user, hold.parts)
        accounts[hold.user]!.reserved -= hold.amount
        holds[id]!.status = "released"
        settle()
        return .ok(["released": hold.amount, "current_credits": spendable(hold.user)])
    }

    // MARK: reading

    /// `credits.get`'s compared members; nil for a user without an account (1001).
    func balance(_ user: String) -> [String: Int64] {
        guard let account = accounts[user] else { return [:] }
        return ["current_credits": spendable(user), "reserved_credits": account.reserved, "total_credits_purchased": account.purchased,
                "total_credits_used": account.used, "total_credits_expired": account.expired]
    }

    /// Live grants in spending order, as `(grant_id, remaining, expires_at)`.
    func grants(_ user: String) -> [[Int64]] {
        ordered(live(user)).map { [$0.id, $0.remaining, $0.expiresAt ?? -1] }
    }

    // MARK: rules

    private func live(_ user: String) -> [Grant] {
        (accounts[user]?.grants ?? []).filter { $0.remaining > 0 && ($0.expiresAt.map { $0 > now } ?? true) }
    }

    private func spendable(_ user: String) -> Int64 { live(user).reduce(0) { $0 + $1.remaining } }

    /// Soonest-expiring first, never-expiring last, then by grant id.
    private func ordered(_ grants: [Grant]) -> [Grant] {
        grants.sorted { ($0.expiresAt ?? .max, $0.id) < ($1.expiresAt ?? .max, $1.id) }
    }

    private func ordered(_ parts: [(grant: Int64, amount: Int64)]) -> [(grant: Int64, amount: Int64)] {
        let expiry = Dictionary(uniqueKeysWithValues: accounts.values.flatMap(\.grants).map { ($0.id, $0.expiresAt ?? .max) })
        return parts.sorted { (expiry[$0.grant]!, $0.grant) < (expiry[$1.grant]!, $1.grant) }
    }

    private mutating func take(_ user: String, _ amount: Int64) -> [(grant: Int64, amount: Int64)] {
        var left = amount
        var parts: [(grant: Int64, amount: Int64)] = []
        for grant in ordered(live(user)) where left > 0 {
            let piece = min(left, grant.remaining)
            let index = accounts[user]!.grants.firstIndex { $0.id == grant.id }!
            accounts[user]!.grants[index].remaining -= piece
            left -= piece
            parts.append((grant.id, piece))
        }
        return parts
    }

    private mutating func giveBack(_ user: String, _ parts: [(grant: Int64, amount: Int64)]) {
        for part in parts {
            let index = accounts[user]!.grants.firstIndex { $0.id == part.grant }!
            accounts[user]!.grants[index].remaining += part.amount
        }
    }

    /// Fixed UTC windows, all or nothing; 0 when allowed, else until every denying window resets.
    private mutating func rateLimit(_ user: String, take: Bool) -> Int64 {
        let minute = now / 60_000, hour = now / 3_600_000, day = now / 86_400_000
        var w = windows[user] ?? ((minute, 0), (hour, 0), (day, 0))
        if w.minute.0 != minute { w.minute = (minute, 0) }
        if w.hour.0 != hour { w.hour = (hour, 0) }
        if w.day.0 != day { w.day = (day, 0) }
        var retry: Int64 = 0
        if w.minute.1 + 1 > Self.limits.minute { retry = max(retry, (minute + 1) * 60_000 - now) }
        if w.hour.1 + 1 > Self.limits.hour { retry = max(retry, (hour + 1) * 3_600_000 - now) }
        if w.day.1 + 1 > Self.limits.day { retry = max(retry, (day + 1) * 86_400_000 - now) }
        if retry == 0 && take {
            w.minute.1 += 1
            w.hour.1 += 1
            w.day.1 += 1
        }
        windows[user] = w
        return retry
    }
}
