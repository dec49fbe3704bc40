import BillingProtocol

/// One user's three fixed windows (see `RateLimiter` for the algorithm), as a value: the
/// in-memory limiter keeps these in a table, a shared store keeps them in `rate_limit_counters`
/// rows, and both decide with `check`.
struct RateLimitCounters: Sendable, Equatable {
    var minuteWindow: Int64 = -1
    var minuteCount: Int64 = 0
    var hourWindow: Int64 = -1
    var hourCount: Int64 = 0
    var dayWindow: Int64 = -1
    var dayCount: Int64 = 0

    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// Decides one request of `cost` at `now` and, when `take` is true and it fits every window,
    /// counts it in all of them (all or nothing: a denial takes no token from any window).
    mutating func check(limits: RateLimiter.Limits, cost: Int64, now: Timestamp, take: Bool) -> RateLimitDecision {
        let t = now.milliseconds
        let windows = (minute: t / Self.minute, hour: t / Self.hour, day: t / Self.day)
        let resets = (minute: (windows.minute + 1) * Self.minute - t, hour: (windows.hour + 1) * Self.hour - t,
                      day: (windows.day + 1) * Self.day - t)
        if minuteWindow != windows.minute { (minuteWindow, minuteCount) = (windows.minute, 0) }
        if hourWindow != windows.hour { (hourWindow, hourCount) = (windows.hour, 0) }
        if dayWindow != windows.day { (dayWindow, dayCount) = (windows.day, 0) }
        // `limit - count >= cost`, not `count + cost <= limit`: both are non-negative, so the
        // subtraction cannot overflow even for a plan whose limit is Int64.max.
        let minuteOK = limits.perMinute - minuteCount >= cost
        let hourOK = limits.perHour - hourCount >= cost
        let dayOK = limits.perDay == 0 || limits.perDay - dayCount >= cost
        let allowed = minuteOK && hourOK && dayOK
        if allowed && take {
            minuteCount += cost
            hourCount += cost
            if limits.perDay > 0 { dayCount += cost }
        }
        // Every denying window must have reset before the request can pass: wait for the latest.
        var retry: Int64 = 0
        if !minuteOK { retry = max(retry, resets.minute) }
        if !hourOK { retry = max(retry, resets.hour) }
        if !dayOK { retry = max(retry, resets.day) }
        return RateLimitDecision(
            allowed: allowed, retryAfterMs: retry,
            minute: .init(limit: limits.perMinute, remaining: max(0, limits.perMinute - minuteCount), resetMs: resets.minute),
            hour: .init(limit: limits.perHour, remaining: max(0, limits.perHour - hourCount), resetMs: resets.hour),
            day: limits.perDay == 0 ? nil : .init(limit: limits.perDay, remaining: max(0, limits.perDay - dayCount), resetMs: resets.day))
    }
}
