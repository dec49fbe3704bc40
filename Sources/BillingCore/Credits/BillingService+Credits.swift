import BillingProtocol

extension BillingService {
    /// A commit or release changes the account of the reservation's holder only.
    private static func holder<M: BillingMethod>(_ id: @escaping @Sendable (M.Parameters) -> String) -> Handler.Touches<M> {
        .owner { db, p in try db.credits.reservationOwner(id(p)) }
    }

    static let creditHandlers: [Handler] = [
        .method(CreditsGet.self, fromMemory: Handler.MemoryRead(account: \.userID) { snapshots, now, p in snapshots.view(p.userID, at: now) }) {
            ctx, db, p in
            try Balance.get(db, p.userID, now: ctx.now)
        },
        .method(CreditsLedger.self) { _, db, p in try Balance.ledger(db, p.userID, limit: p.page.limit, cursor: p.page.cursor) },
        .method(CreditsGrant.self, touches: .user(\.userID)) { ctx, db, p in
            try Ledger.ensureAccount(db, p.userID, now: ctx.now)
            try Ledger.settle(db, p.userID, now: ctx.now)
            try Ledger.grant(db, p.userID, amount: p.amount, source: p.source.rawValue, expiresAt: p.expiresAt, description: p.description,
                             now: ctx.now)
            return try Balance.get(db, p.userID, now: ctx.now)
        },
        .method(CreditsConsume.self, discardsChanges: \.dryRun, fast: consumeFromMemory) { ctx, db, p in
            let checked = try prepareSpend(ctx, db, user: p.userID, amount: p.amount, productCount: p.usage.productCount ?? 1,
                                           checkRateLimit: p.checkRateLimit, dryRun: p.dryRun)
            let usageID = IDGenerator.make("use")
            try UsageLog.insert(db, id: usageID, user: p.userID, credits: p.amount, p.usage, now: ctx.now)
            // prepareSpend settled this user at ctx.now in this savepoint and read the balance; the
            // spend starts from it and hands back the balance after (no second read of user_credits).
            let spent = try Ledger.spend(db, p.userID, amount: p.amount, kind: .consume, reference: "usage:\(usageID)", now: ctx.now,
                                         settledBalance: checked.available)
            return Consumption(usageID: usageID, userID: p.userID, creditsUsed: p.amount, currentCredits: spent.balance, dryRun: p.dryRun)
        },
        .method(CreditsReserve.self, fast: reserveFromMemory, touches: .user(\.userID)) { ctx, db, p in
            _ = try prepareSpend(ctx, db, user: p.userID, amount: p.amount, productCount: p.productCount ?? 1,
                                 checkRateLimit: p.checkRateLimit, dryRun: false)
            return try Reservations.reserve(db, user: p.userID, amount: p.amount,
                                            ttl: p.ttlMilliseconds ?? CreditsReserve.defaultTTLMilliseconds, now: ctx.now)
        },
        .method(CreditsCommit.self, fast: commitFromMemory, touches: holder(\.reservationID)) { ctx, db, p in
            let held = try Reservations.find(db, p.reservationID)
            try Reservations.requireHeld(held, now: ctx.now)
            // The answer's balance must not count credits that expired, or miss ones that a timed-out
            // hold gave back (this hold is not due: requireHeld checked).
            try Ledger.settle(db, held.user, now: ctx.now)
            try PlanLimits.requireProductCount(try Subscriptions.effectivePlan(db, user: held.user), p.usage.productCount ?? 1)
            let amount = p.amount ?? held.amount
            guard amount <= held.amount else {
                throw BillingError.invalidParams(field: "amount", "'amount' (\(amount)) is more than the \(held.amount) held")
            }
            let usageID = IDGenerator.make("use")
            try UsageLog.insert(db, id: usageID, user: held.user, credits: amount, p.usage, now: ctx.now)
            try Reservations.commit(db, held, amount: amount, usageID: usageID, now: ctx.now)
            return Commitment(reservationID: held.id, usageID: usageID, userID: held.user, creditsUsed: amount,
                              released: held.amount - amount, currentCredits: try Ledger.current(db, held.user))
        },
        .method(CreditsRelease.self, fast: releaseFromMemory, touches: holder(\.reservationID)) { ctx, db, p in
            let held = try Reservations.find(db, p.reservationID)
            try Reservations.requireHeld(held, now: ctx.now)
            try Ledger.settle(db, held.user, now: ctx.now)
            try Reservations.release(db, held, status: .released, now: ctx.now)
            return Release(reservationID: held.id, userID: held.user, released: held.amount, currentCredits: try Ledger.current(db, held.user))
        },
    ]

    /// A consume decided against the writer's copy of the account (`spendableAccount`), with its
    /// effects staged for the batch's bulk write.
    static let consumeFromMemory = Handler.FastPath<CreditsConsume>(account: \.userID) { ctx, effects, db, p in
        guard var account = try spendableAccount(ctx, effects, db, user: p.userID, amount: p.amount,
                                                 productCount: p.usage.productCount ?? 1, checkRateLimit: p.checkRateLimit)
        else { return nil }
        let usageID = IDGenerator.make("use")
        let balance = try effects.consume(p.userID, account: &account, amount: p.amount, usageID: usageID, p.usage, now: ctx.now)
        return Consumption(usageID: usageID, userID: p.userID, creditsUsed: p.amount, currentCredits: balance, dryRun: false)
    }

    /// A reservation decided against the writer's copy of the account, like `consumeFromMemory`,
    /// with its reservation, parts, ledger rows, grants and balance staged for the batch's bulk write.
    static let reserveFromMemory = Handler.FastPath<CreditsReserve>(account: \.userID) { ctx, effects, db, p in
        guard var account = try spendableAccount(ctx, effects, db, user: p.userID, amount: p.amount,
                                                 productCount: p.productCount ?? 1, checkRateLimit: p.checkRateLimit)
        else { return nil }
        let id = IDGenerator.make("res")
        let expiresAt = ctx.now.adding(milliseconds: p.ttlMilliseconds ?? CreditsReserve.defaultTTLMilliseconds)
        let balance = try effects.reserve(p.userID, account: &account, amount: p.amount, reservationID: id, expiresAt: expiresAt,
                                          now: ctx.now)
        return Reservation(reservationID: id, userID: p.userID, amount: p.amount, expiresAt: expiresAt, currentCredits: balance)
    }

    /// A commit decided against the writer's copy of the holder's account, with the same checks in
    /// the same order as the SQL path (the hold exists and is not due: the account is kept and
    /// settled), its usage row, the reservation's end, the give-back and the balance staged.
    /// Embedded store only: on a shared store another daemon may end the hold meanwhile.
    static let commitFromMemory = Handler.FastPath<CreditsCommit>(account: { _ in nil }) { ctx, effects, _, p in
        guard var (user, account, held) = heldInMemory(ctx, effects, p.reservationID) else { return nil }
        try PlanLimits.requireProductCount(account.plan, p.usage.productCount ?? 1)
        let amount = p.amount ?? held.amount
        guard amount <= held.amount else {
            throw BillingError.invalidParams(field: "amount", "'amount' (\(amount)) is more than the \(held.amount) held")
        }
        let usageID = IDGenerator.make("use")
        guard let balance = try effects.endHold(user, account: &account, reservationID: p.reservationID, spent: amount,
                                                usage: (usageID, p.usage), now: ctx.now)
        else { return nil }
        return Commitment(reservationID: p.reservationID, usageID: usageID, userID: user, creditsUsed: amount, released: held.amount - amount,
                          currentCredits: balance)
    }

    /// A release decided against the writer's copy of the holder's account, like `commitFromMemory`.
    static let releaseFromMemory = Handler.FastPath<CreditsRelease>(account: { _ in nil }) { ctx, effects, _, p in
        guard var (user, account, held) = heldInMemory(ctx, effects, p.reservationID),
              let balance = try effects.endHold(user, account: &account, reservationID: p.reservationID, spent: 0, usage: nil, now: ctx.now)
        else { return nil }
        return Release(reservationID: p.reservationID, userID: user, released: held.amount, currentCredits: balance)
    }

    /// The kept, settled account holding reservation `id` (so the hold is held and not due), or
    /// nil for the SQL path: a shared store, an account not kept, or something due.
    private static func heldInMemory(_ ctx: HandlerContext, _ effects: PendingEffects, _ id: String)
        -> (user: String, account: AccountCache.Account, held: AccountCache.HeldReservation)? {
        guard !effects.shared, let user = effects.accounts.holder(of: id), let account = effects.accounts.account(user),
              let held = account.held[id], account.isSettled(at: ctx.now)
        else { return nil }
        return (user, account, held)
    }

    /// `prepareSpend` against the writer's copy of `user`'s account: the same checks in the same
    /// order, the token taken last. nil sends the request to the SQL path: the account is not
    /// loaded, something of it came due with time alone, or the rate limit lives in the store's
    /// rows (a shared store).
    private static func spendableAccount(_ ctx: HandlerContext, _ effects: PendingEffects, _ db: StoreSession, user: String,
                                         amount: Int64, productCount: Int64, checkRateLimit: Bool) throws -> AccountCache.Account? {
        guard let account = effects.accounts.account(user), account.isSettled(at: ctx.now), !(checkRateLimit && ctx.sharedRateLimits)
        else { return nil }
        try Subscriptions.requireUsable(account.live, user: user)
        try PlanLimits.requireProductCount(account.plan, productCount)
        try Ledger.requireAvailable(account.current, amount)
        if checkRateLimit { try requireToken(ctx, db, plan: account.plan, user: user, take: true) }
        return account
    }

    /// The checks before credits leave a balance, in the contract's order: a paused subscription
    /// is 1006; more products than the plan allows in one batch is 1011; short of credits is 1004
    /// with no rate-limit token taken; rate-limited is 1005 with nothing spent. Returns the
    /// settled, spendable balance, with the live subscription and its plan (read once for all three).
    static func prepareSpend(_ ctx: HandlerContext, _ db: StoreSession, user: String, amount: Int64, productCount: Int64,
                             checkRateLimit: Bool, dryRun: Bool) throws -> (available: Int64, live: Subscription?, plan: Plan) {
        let live = try db.subscriptions.live(user: user)
        try Subscriptions.requireUsable(live, user: user)
        let plan = try Subscriptions.effectivePlan(db, live: live)
        try PlanLimits.requireProductCount(plan, productCount)
        try Ledger.ensureAccount(db, user, now: ctx.now)
        try Ledger.settle(db, user, now: ctx.now)
        let available = try Ledger.requireAvailable(db, user, amount)
        if checkRateLimit { try requireToken(ctx, db, plan: plan, user: user, take: !dryRun) }
        return (available, live, plan)
    }
}
