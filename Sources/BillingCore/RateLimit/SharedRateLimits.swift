import BillingProtocol
import BillingStore

/// Rate limits on a store that several daemons write to (PostgreSQL): each user's counters are a
/// `rate_limit_counters` row, locked and updated inside the request's own transaction, so the
/// limits hold across daemons and a token is taken exactly when the request commits.
enum SharedRateLimits {
    static func check(_ db: Connection, user: String, limits: RateLimiter.Limits, cost: Int64, now: Timestamp,
                      take: Bool) throws -> RateLimitDecision {
        var counters = RateLimitCounters()
        if let row = try db.queryOne("""
            SELECT minute_window, minute_count, hour_window, hour_count, day_window, day_count
            FROM rate_limit_counters WHERE user_id = ? FOR UPDATE
            """, [.text(user)])
        {
            counters = RateLimitCounters(
                minuteWindow: row.int("minute_window"), minuteCount: row.int("minute_count"), hourWindow: row.int("hour_window"),
                hourCount: row.int("hour_count"), dayWindow: row.int("day_window"), dayCount: row.int("day_count"))
        }
        let decision = counters.check(limits: limits, cost: cost, now: now, take: take)
        if take && decision.allowed {
            try db.run("""
                INSERT INTO rate_limit_counters (user_id, minute_window, minute_count, hour_window, hour_count, day_window, day_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET minute_window = excluded.minute_window, minute_count = excluded.minute_count,
                    hour_window = excluded.hour_window, hour_count = excluded.hour_count,
                    day_window = excluded.day_window, day_count = excluded.day_count
                """, [.text(user), .integer(counters.minuteWindow), .integer(counters.minuteCount), .integer(counters.hourWindow),
                      .integer(counters.hourCount), .integer(counters.dayWindow), .integer(counters.dayCount)])
        }
        return decision
    }
}
