import BillingProtocol
import Synchronization

/// Per-user request limits from the plan, kept in memory (a store this daemon alone writes to;
/// a shared store keeps the same counters in rows, see `SharedRateLimits`).
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

    private let state = Mutex<[String: RateLimitCounters]>([:])

    /// Checks and, when `take` is true and the request fits every window, counts `cost` requests
    /// in all of them (all or nothing: a denial takes no token from any window).
    func check(user: String, limits: Limits, cost: Int64, now: Timestamp, take: Bool) -> RateLimitDecision {
        state.withLock { table in
            var counters = table[user] ?? RateLimitCounters()
            let decision = counters.check(limits: limits, cost: cost, now: now, take: take)
            table[user] = counters
            return decision
        }
    }

    /// Forgets users whose day window has passed, so memory follows the day's active users only.
    func prune(now: Timestamp) {
        let dayWindow = now.milliseconds / RateLimitCounters.day
        state.withLock { table in table = table.filter { $0.value.dayWindow >= dayWindow } }
    }
}
