import BillingProtocol
import Synchronization

/// Per-user request limits from the plan, kept in memory.
///
/// Algorithm: three fixed windows aligned to the UTC minute, hour and day. A request at time t
/// falls in minute window ⌊t / 60 000⌋, hour window ⌊t / 3 600 000⌋ and day window
/// ⌊t / 86 400 000⌋; each window admits at most the plan's limit (a day limit of 0 means no
/// daily cap). A check is O(1): compare three counters and bump them all or none. Exact at the
/// edges: the request at a window's first millisecond counts in the new window, and `reset_ms`
/// is the exact distance to that millisecond.
final class RateLimiter: Sendable {
    struct Limits: Sendable {
        let perMinute: Int64
        let perHour: Int64
        /// `max_api_calls_per_day`; 0: no daily cap.
        let perDay: Int64
    }

    private struct Counters {
        var minuteWindow: Int64 = -1
        var minuteCount: Int64 = 0
        var hourWindow: Int64 = -1
        var hourCount: Int64 = 0
        var dayWindow: Int64 = -1
        var dayCount: Int64 = 0
    }

    private let state = Mutex<[String: Counters]>([:])

    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// Checks and, when `take` is true and the request fits every window, counts `cost` requests
    /// in all of them (all or nothing: a denial takes no token from any window).
    func check(user: String, limits: Limits, cost: Int64, now: Timestamp, take: Bool) -> RateLimitDecision {
        let t = now.milliseconds
        let windows = (minute: t / Self.minute, hour: t / Self.hour, day: t / Self.day)
        let resets = (minute: (windows.minute + 1) * Self.minute - t, hour: (windows.hour + 1) * Self.hour - t,
                      day: (windows.day + 1) * Self.day - t)
        return state.withLock { table in
            var counters = table[user] ?? Counters()
            if counters.minuteWindow != windows.minute { (counters.minuteWindow, counters.minuteCount) = (windows.minute, 0) }
            if counters.hourWindow != windows.hour { (counters.hourWindow, counters.hourCount) = (windows.hour, 0) }
            if counters.dayWindow != windows.day { (counters.dayWindow, counters.dayCount) = (windows.day, 0) }
            // `limit - count >= cost`, not `count + cost <= limit`: both are non-negative, so the
            // subtraction cannot overflow even for a plan whose limit is Int64.max.
            let minuteOK = limits.perMinute - counters.minuteCount >= cost
            let hourOK = limits.perHour - counters.hourCount >= cost
            let dayOK = limits.perDay == 0 || limits.perDay - counters.dayCount >= cost
            let allowed = minuteOK && hourOK && dayOK
            if allowed && take {
                counters.minuteCount += cost
                counters.hourCount += cost
                if limits.perDay > 0 { counters.dayCount += cost }
            }
            table[user] = counters
            // Every denying window must have reset before the request can pass: wait for the latest.
            var retry: Int64 = 0
            if !minuteOK { retry = max(retry, resets.minute) }
            if !hourOK { retry = max(retry, resets.hour) }
            if !dayOK { retry = max(retry, resets.day) }
            return RateLimitDecision(
                allowed: allowed, retryAfterMs: retry,
                minute: .init(limit: limits.perMinute, remaining: max(0, limits.perMinute - counters.minuteCount), resetMs: resets.minute),
                hour: .init(limit: limits.perHour, remaining: max(0, limits.perHour - counters.hourCount), resetMs: resets.hour),
                day: limits.perDay == 0
                    ? nil : .init(limit: limits.perDay, remaining: max(0, limits.perDay - counters.dayCount), resetMs: resets.day))
        }
    }

    /// Forgets users whose day window has passed, so memory follows the day's active users only.
    func prune(now: Timestamp) {
        let dayWindow = now.milliseconds / Self.day
        state.withLock { table in table = table.filter { $0.value.dayWindow >= dayWindow } }
    }
}
