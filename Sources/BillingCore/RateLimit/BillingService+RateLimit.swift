import BillingProtocol
import BillingStore

extension BillingService {
    static let rateLimitHandlers: [Handler] = [
        // A read: the plan comes from a snapshot, the counters live in memory.
        .method(RateLimitCheck.self) { ctx, db, p in try takeToken(ctx, db, user: p.userID, cost: p.cost, take: true) },
    ]

    static func limits(_ db: Connection, user: String) throws -> RateLimiter.Limits {
        let plan = try Subscriptions.effectivePlan(db, user: user)
        return RateLimiter.Limits(perMinute: plan.requestsPerMinute, perHour: plan.requestsPerHour, perDay: plan.maxAPICallsPerDay)
    }

    static func takeToken(_ ctx: HandlerContext, _ db: Connection, user: String, cost: Int64, take: Bool) throws -> RateLimitDecision {
        ctx.rateLimiter.check(user: user, limits: try limits(db, user: user), cost: cost, now: ctx.now, take: take)
    }

    /// For `check_rate_limit: true`: 1005 with `retry_after_ms` when the plan's limits say no.
    static func requireToken(_ ctx: HandlerContext, _ db: Connection, user: String, take: Bool) throws {
        let decision = try takeToken(ctx, db, user: user, cost: 1, take: take)
        guard decision.allowed else {
            throw BillingError(.rateLimited, "rate limited: retry in \(decision.retryAfterMs) ms",
                               details: ["retry_after_ms": .int(decision.retryAfterMs)])
        }
    }
}
