import BillingProtocol
import BillingStore

extension BillingService {
    static let rateLimitHandlers: [Handler] = [
        // A read: the plan comes from a snapshot, the counters live in memory.
        .method(RateLimitCheck.self) { ctx, db, p in try takeToken(ctx, db, user: p.userID, cost: p.cost, take: true) },
    ]

    static func limits(_ plan: Plan) -> RateLimiter.Limits {
        RateLimiter.Limits(perMinute: plan.requestsPerMinute, perHour: plan.requestsPerHour, perDay: plan.maxAPICallsPerDay)
    }

    static func takeToken(_ ctx: HandlerContext, _ db: Connection, user: String, cost: Int64, take: Bool) throws -> RateLimitDecision {
        ctx.rateLimiter.check(user: user, limits: limits(try Subscriptions.effectivePlan(db, user: user)), cost: cost, now: ctx.now, take: take)
    }

    /// For `check_rate_limit: true`: 1005 with `retry_after_ms` when `plan`'s limits say no.
    static func requireToken(_ ctx: HandlerContext, plan: Plan, user: String, take: Bool) throws {
        let decision = ctx.rateLimiter.check(user: user, limits: limits(plan), cost: 1, now: ctx.now, take: take)
        guard decision.allowed else {
            throw BillingError(.rateLimited, "rate limited: retry in \(decision.retryAfterMs) ms",
                               details: ["retry_after_ms": .int(decision.retryAfterMs)])
        }
    }
}
