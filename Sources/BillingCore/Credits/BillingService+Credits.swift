import BillingProtocol
import BillingStore

extension BillingService {
    static let creditHandlers: [String: Handler] = [
        "credits.get": .read { ctx, db, p in try Balance.get(db, p.requiredString("user_id"), now: ctx.now) },
        "credits.ledger": .read { _, db, p in
            try Balance.ledger(db, p.requiredString("user_id"), limit: p.int("limit") ?? 50, cursor: p.string("cursor"))
        },
        "credits.grant": .write { ctx, db, p in
            let user = p.requiredString("user_id")
            try Ledger.ensureAccount(db, user, now: ctx.now)
            try Ledger.settle(db, user, now: ctx.now)
            try Ledger.grant(db, user, amount: p.requiredInt("amount"), source: p.string("source") ?? "purchase",
                             expiresAt: p.time("expires_at"), description: p.string("description"), now: ctx.now)
            return try Balance.get(db, user, now: ctx.now)
        },
        "credits.consume": .write { ctx, db, p in
            let user = p.requiredString("user_id")
            let amount = p.requiredInt("amount")
            let dryRun = p.bool("dry_run") ?? false
            try prepareSpend(ctx, db, user: user, amount: amount, productCount: p.int("product_count") ?? 1,
                             checkRateLimit: p.bool("check_rate_limit") ?? false, dryRun: dryRun)
            let usageID = IDGenerator.make("use")
            try UsageLog.insert(db, id: usageID, user: user, credits: amount, p, now: ctx.now)
            // prepareSpend settled this user at ctx.now in this savepoint; the balance after the
            // spend comes back from it (one statement fewer than reading user_credits again).
            let spent = try Ledger.spend(db, user, amount: amount, kind: .consume, reference: "usage:\(usageID)", now: ctx.now,
                                         settled: true)
            let result: JSONValue = .object([
                "usage_id": .string(usageID), "user_id": .string(user), "credits_used": .int(amount),
                "current_credits": .int(spent.balance), "dry_run": .bool(dryRun),
            ])
            if dryRun { throw DryRun(result: result) }
            return result
        },
        "credits.reserve": .write { ctx, db, p in
            let user = p.requiredString("user_id")
            let amount = p.requiredInt("amount")
            try prepareSpend(ctx, db, user: user, amount: amount, productCount: p.int("product_count") ?? 1,
                             checkRateLimit: p.bool("check_rate_limit") ?? false, dryRun: false)
            return try Reservations.reserve(db, user: user, amount: amount, ttl: p.int("ttl_ms") ?? Reservations.defaultTTL, now: ctx.now)
        },
        "credits.commit": .write { ctx, db, p in
            let held = try Reservations.find(db, p.requiredString("reservation_id"))
            try Reservations.requireHeld(held, now: ctx.now)
            try PlanLimits.requireProductCount(try Subscriptions.effectivePlan(db, user: held.user), p.int("product_count") ?? 1)
            let amount = p.int("amount") ?? held.amount
            guard amount <= held.amount else {
                throw BillingError.invalidParams(field: "amount", "'amount' (\(amount)) is more than the \(held.amount) held")
            }
            let usageID = IDGenerator.make("use")
            try UsageLog.insert(db, id: usageID, user: held.user, credits: amount, p, now: ctx.now)
            try Reservations.commit(db, held, amount: amount, usageID: usageID, now: ctx.now)
            return .object([
                "reservation_id": .string(held.id), "usage_id": .string(usageID), "user_id": .string(held.user),
                "credits_used": .int(amount), "released": .int(held.amount - amount),
                "current_credits": .int(try Ledger.current(db, held.user)),
            ])
        },
        "credits.release": .write { ctx, db, p in
            let held = try Reservations.find(db, p.requiredString("reservation_id"))
            try Reservations.requireHeld(held, now: ctx.now)
            try Reservations.release(db, held, status: "released", now: ctx.now)
            return .object([
                "reservation_id": .string(held.id), "user_id": .string(held.user), "released": .int(held.amount),
                "current_credits": .int(try Ledger.current(db, held.user)),
            ])
        },
    ]

    /// The checks before credits leave a balance, in the contract's order: a paused subscription
    /// is 1006; more products than the plan allows in one batch is 1011; short of credits is 1004
    /// with no rate-limit token taken; rate-limited is 1005 with nothing spent.
    static func prepareSpend(_ ctx: HandlerContext, _ db: Connection, user: String, amount: Int64, productCount: Int64,
                             checkRateLimit: Bool, dryRun: Bool) throws {
        try Subscriptions.requireUsable(db, user: user)
        try PlanLimits.requireProductCount(try Subscriptions.effectivePlan(db, user: user), productCount)
        try Ledger.ensureAccount(db, user, now: ctx.now)
        try Ledger.settle(db, user, now: ctx.now)
        try Ledger.requireAvailable(db, user, amount)
        if checkRateLimit { try requireToken(ctx, db, user: user, take: !dryRun) }
    }
}
