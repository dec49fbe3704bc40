import BillingProtocol

/// What the running batch's fast units changed and the store has not seen yet: usage rows,
/// reservations and their parts, reservations' ends, ledger rows, grants' remaining credits, balances, and
/// idempotency answers. The writer writes it all (`flush`) in a few multi-row statements before
/// any unit on the SQL path and before COMMIT, so a consume costs a share of a handful of
/// statements per batch instead of six of its own, and on PostgreSQL a share of a handful of
/// round trips instead of about fifteen.
///
/// It also answers idempotency lookups for the batch's fast units (the keys their hints named are
/// read in one statement at `begin`, and answers staged here are found before they are written),
/// and collects the `credits.get` views the batch makes true, published once it is durable.
final class PendingEffects: BatchEffects, @unchecked Sendable {
    // @unchecked: used only on the writer thread (its units, and the writer's begin/flush/end).

    /// A stored answer to an idempotency key.
    private struct Answer {
        let fingerprint: String
        let result: String
    }

    let accounts: AccountCache
    /// Other daemons write the store too: accounts are loaded under lock for one batch and
    /// forgotten when it ends.
    let shared: Bool
    /// Where `credits.get` views are published once durable (nil on a shared store).
    let snapshots: BalanceSnapshots?
    let clock: BillingClock

    /// What is staged since the last flush.
    private var writes = BatchWrites()
    /// What the store holds for idempotency keys looked up this batch ("method key"): an answer,
    /// or nil for a key known to be unused. Keys missing here are looked up in the store.
    private var known: [String: Answer?] = [:]
    /// Views this batch made true, published once it is durable.
    private var views: [(user: String, snapshot: BalanceSnapshots.Snapshot, stamp: BalanceSnapshots.Stamp)] = []

    init(accounts: AccountCache, shared: Bool, snapshots: BalanceSnapshots?, clock: BillingClock) {
        self.accounts = accounts
        self.shared = shared
        self.snapshots = snapshots
        self.clock = clock
    }

    func begin(_ db: any StoreSession, hints: [any Sendable]) throws {
        let hints = hints.compactMap { $0 as? BatchHint }
        if shared || accounts.count >= accounts.capacity { accounts.removeAll() }
        let users = Set(hints.compactMap(\.user)).filter { accounts.account($0) == nil }.sorted()
        if !users.isEmpty {
            try accounts.load(db, users: users, lock: shared, viewsAt: snapshots == nil ? nil : clock.now())
            for user in users { if let account = accounts.account(user) { stageView(user, account) } }
        }
        for (method, keyed) in Dictionary(grouping: hints.filter { $0.idempotencyKey != nil }, by: \.method) {
            let keys = Array(Set(keyed.compactMap(\.idempotencyKey)))
            let stored = try db.idempotency.find(method: method, keys: keys)
            for key in keys {
                known[PendingEffects.slot(method, key)] = .some(stored[key].map { Answer(fingerprint: $0.fingerprint, result: $0.result) })
            }
        }
    }

    func flush(_ db: any StoreSession) throws {
        try db.write(writes)
        writes.removeAll()
    }

    func end(committed: Bool) -> (@Sendable () -> Void)? {
        writes.removeAll()
        known.removeAll(keepingCapacity: true)
        if shared || !committed { accounts.removeAll() }
        let views = views
        self.views.removeAll(keepingCapacity: true)
        guard committed, let snapshots, !views.isEmpty else { return nil }
        return { snapshots.publish(views) }
    }

    /// A unit on the SQL path is about to run (after a flush): it may change `user`'s account (nil:
    /// any account) and store idempotency answers, so what memory holds of them is dropped.
    func invalidate(account user: String?) {
        if let user { accounts.remove(user) } else { accounts.removeAll() }
        snapshots?.invalidate(user)
        known.removeAll(keepingCapacity: true)
    }

    /// The stored answer of an earlier request with this key (nil: the key is new), from this
    /// batch's staged answers, the keys loaded at `begin`, or the store. 1003 when the key was
    /// used with other params.
    func answer(_ db: any StoreSession, method: String, key: String, fingerprint: String) throws -> JSONValue? {
        if let entry = known[PendingEffects.slot(method, key)] {
            guard let entry else { return nil }
            return try Idempotency.answer(key: key, stored: entry.fingerprint, result: entry.result, fingerprint: fingerprint)
        }
        return try Idempotency.lookup(db, method: method, key: key, fingerprint: fingerprint)
    }

    /// Drops what memory holds of idempotency keys (a unit on the SQL path may delete keys).
    func forgetIdempotencyKeys() {
        known.removeAll(keepingCapacity: true)
    }

    /// Stages the answer of a new key with the change it answers.
    func remember(method: String, key: String, fingerprint: String, result: JSONValue, now: Timestamp) {
        let text = result.serialized()
        known[PendingEffects.slot(method, key)] = .some(Answer(fingerprint: fingerprint, result: text))
        writes.answers.append(IdempotencyRow(method: method, key: key, fingerprint: fingerprint, result: text, at: now))
    }

    /// Stages a consume of `amount` from `user`'s cached `account` (already checked: available,
    /// usable, within limits): its usage row, one ledger row per grant it takes from, the grants
    /// and the balance. Throws before staging anything when the cached grants cannot cover it.
    func consume(_ user: String, account: inout AccountCache.Account, amount: Int64, usageID: String, _ fields: UsageFields,
                 now: Timestamp) throws -> Int64 {
        let balance = try take(user, account: &account, amount: amount, kind: .consume, reference: "usage:\(usageID)", now: now).balance
        writes.usage.append(UsageRow(id: usageID, user: user, credits: amount, fields: fields, at: now))
        return balance
    }

    /// Stages a reservation of `amount` from `user`'s cached `account` (already checked as for a
    /// consume): its `credit_reservations` row, one part and one ledger row per grant it holds
    /// credits of, the grants and the balance (current down, reserved up). Throws before staging
    /// anything when the cached grants cannot cover it.
    func reserve(_ user: String, account: inout AccountCache.Account, amount: Int64, reservationID: String, expiresAt: Timestamp,
                 now: Timestamp) throws -> Int64 {
        let (pieces, balance) = try take(user, account: &account, amount: amount, kind: .reserve,
                                         reference: "reservation:\(reservationID)", now: now, hold: (reservationID, expiresAt))
        writes.reservations.append(ReservationRow(id: reservationID, user: user, amount: amount, expiresAt: expiresAt, at: now,
                                                  parts: pieces.map { ($0.grantID, $0.amount) }))
        return balance
    }

    /// What a consume and a reservation share: takes `amount` from the account's grants in spend
    /// order and stages one ledger row per grant, the grants' remaining credits and the balance,
    /// then keeps the account (with the `hold` it made, which comes due at its expiry) and stages its view.
    private func take(_ user: String, account: inout AccountCache.Account, amount: Int64, kind: Ledger.Kind, reference: String,
                      now: Timestamp, hold: (id: String, until: Timestamp)? = nil) throws -> (pieces: [AccountCache.Piece], balance: Int64) {
        var balance = account.current
        let holding = hold != nil
        let pieces = try account.take(amount, user: user, holding: holding)
        for piece in pieces {
            balance -= piece.amount
            writes.ledger.append(Ledger.entry(user, grant: piece.grantID, delta: -piece.amount, balanceAfter: balance, kind: kind,
                                              reference: reference, now: now))
            writes.grants[piece.grantID] = piece.remaining
        }
        if let hold {
            account.held[hold.id] = AccountCache.HeldReservation(
                amount: amount, expiresAt: hold.until.milliseconds,
                parts: pieces.map { .init(grantID: $0.grantID, amount: $0.amount, grantExpiresAt: $0.expiresAt) })
        }
        stageBalance(user, current: balance, used: holding ? 0 : amount, reserved: holding ? amount : 0, now: now)
        accounts.store(user, account, hold: hold.map { .made($0.id) })
        stageView(user, account)
        return (pieces, balance)
    }

    /// Stages the end of reservation `id`, held in `user`'s cached `account` (already checked: held,
    /// not due, `spent` at most its amount): `spent` of it counts as used (a commit, with its usage
    /// row), the rest goes back to its grants with one ledger row per grant. Returns the balance
    /// after, or nil, staging nothing, when the SQL path must do it (`Account.endHold`).
    func endHold(_ user: String, account: inout AccountCache.Account, reservationID id: String, spent: Int64,
                 usage: (id: String, fields: UsageFields)?, now: Timestamp) throws -> Int64? {
        var balance = account.current
        guard let (held, pieces) = try account.endHold(id, spending: spent, user: user, now: now) else { return nil }
        for piece in pieces {
            balance += piece.amount
            writes.ledger.append(Ledger.entry(user, grant: piece.grantID, delta: piece.amount, balanceAfter: balance, kind: .release,
                                              reference: "reservation:\(id)", now: now))
            writes.grants[piece.grantID] = piece.remaining
        }
        if let usage { writes.usage.append(UsageRow(id: usage.id, user: user, credits: spent, fields: usage.fields, at: now)) }
        writes.reservationEnds.append(ReservationEnd(id: id, status: usage == nil ? .released : .committed,
                                                     committedAmount: usage == nil ? nil : spent, usageID: usage?.id, at: now))
        stageBalance(user, current: balance, used: spent, reserved: -held, now: now)
        accounts.store(user, account, hold: .ended(id))
        stageView(user, account)
        return balance
    }

    /// Folds one change of `user`'s balance into the batch's: `current` is the balance after it,
    /// `used` and `reserved` what it adds to those totals.
    private func stageBalance(_ user: String, current: Int64, used: Int64, reserved: Int64, now: Timestamp) {
        var change = writes.balances[user] ?? BalanceChange(current: current, used: 0, reserved: 0, at: now.milliseconds)
        change.current = current
        change.used += used
        change.reserved += reserved
        change.at = now.milliseconds
        writes.balances[user] = change
    }

    /// Stages `account`'s view for publishing with this batch; without one, its published view
    /// is dropped now (it will be wrong once this batch is durable).
    private func stageView(_ user: String, _ account: AccountCache.Account) {
        guard let snapshots else { return }
        guard let view = account.view else { return snapshots.invalidate(user) }
        views.append((user, BalanceSnapshots.Snapshot(view: view, validUntil: account.dueAt), snapshots.stamp(user)))
    }

    private static func slot(_ method: String, _ key: String) -> String { method + " " + key }
}
