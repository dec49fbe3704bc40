import BillingProtocol

extension BillingService {
    static let rateLimitHandlers: [Handler] = [
        // A read: the plan comes from a snapshot, the counters live in memory.
        .method(RateLimitCheck.self) { ctx, db, p in try takeToken(ctx, db, user: p.userID, cost: p.cost, take: true) },
    ]

    static func limits(_ plan: Plan) -> RateLimiter.Limits {
        RateLimiter.Limits(perMinute: plan.requestsPerMinute, perHour: plan.requestsPerHour, perDay: plan.maxAPICallsPerDay)
    }

    static func takeToken(_ ctx: HandlerContext, _ db: StoreSession, user: String, cost: Int64, take: Bool) throws -> RateLimitDecision {
        try decide(ctx, db, user: user, limits: limits(try Subscriptions.effectivePlan(db, user: user)), cost: cost, take: take)
    }

    /// The limiter of this store: counters in memory, or in rows when other daemons share the store.
    private static func decide(_ ctx: HandlerContext, _ db: StoreSession, user: String, limits: RateLimiter.Limits, cost: Int64,
                               take: Bool) throws -> RateLimitDecision {
        guard ctx.sharedRateLimits else { return ctx.rateLimiter.check(user: user, limits: limits, cost: cost, now: ctx.now, take: take) }
        return try SharedRateLimits.check(db, user: user, limits: limits, cost: cost, now: ctx.now, take: take)
    }

    /// For `check_rate_limit: true`: 1005 with `retry_after_ms` when `plan`'s limits say no.
    static func requireToken(_ ctx: HandlerContext, _ db: StoreSession, plan: Plan, user: String, take: Bool) throws {
        let decision = try decide(ctx, db, user: user, limits: limits(plan), cost: 1, take: take)
        guard decision.allowed else {
            throw BillingError(.rateLimited, "rate limited: retry in \(decision.retryAfterMs) ms",
                               details: ["retry_after_ms": .int(decision.retryAfterMs)])
        }
    }
}
