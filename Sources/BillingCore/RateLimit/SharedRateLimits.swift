import BillingProtocol

/// Rate limits on a store that several daemons write to (PostgreSQL): each user's counters are a
/// `rate_limit_counters` row, locked and updated inside the request's own transaction, so the
/// limits hold across daemons and a token is taken exactly when the request commits.
enum SharedRateLimits {
    static func check(_ db: StoreSession, user: String, limits: RateLimiter.Limits, cost: Int64, now: Timestamp,
                      take: Bool) throws -> RateLimitDecision {
        var counters = RateLimitCounters()
        if let w = try db.rateLimits.lockedWindows(user) {
            counters = RateLimitCounters(minuteWindow: w.minuteWindow, minuteCount: w.minuteCount, hourWindow: w.hourWindow,
                                         hourCount: w.hourCount, dayWindow: w.dayWindow, dayCount: w.dayCount)
        }
        let decision = counters.check(limits: limits, cost: cost, now: now, take: take)
        if take && decision.allowed {
            try db.rateLimits.save(user, RateWindows(
                minuteWindow: counters.minuteWindow, minuteCount: counters.minuteCount, hourWindow: counters.hourWindow,
                hourCount: counters.hourCount, dayWindow: counters.dayWindow, dayCount: counters.dayCount))
        }
        return decision
    }
}
