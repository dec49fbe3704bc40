import BillingProtocol
import Synchronization

/// Per-user request limits from the plan, kept in memory.
///
/// Algorithm: two fixed windows aligned to the UTC minute and hour. A request at time t falls
/// in minute window ⌊t / 60 000⌋ and hour window ⌊t / 3 600 000⌋; each window admits at most
/// the plan's limit. A check is O(1): compare two counters and bump them. Exact at the edges:
/// the request at a window's first millisecond counts in the new window, and `reset_ms` is the
/// exact distance to that millisecond.
final class RateLimiter: Sendable {
    struct Limits: Sendable {
        let perMinute: Int64
        let perHour: Int64
    }

    private struct Counters {
        var minuteWindow: Int64 = -1
        var minuteCount: Int64 = 0
        var hourWindow: Int64 = -1
        var hourCount: Int64 = 0
    }

    struct Decision: Sendable {
        let allowed: Bool
        let retryAfterMs: Int64
        let minuteRemaining: Int64
        let hourRemaining: Int64
        let minuteResetMs: Int64
        let hourResetMs: Int64
        let limits: Limits

        var json: JSONValue {
            .object([
                "allowed": .bool(allowed),
                "retry_after_ms": .int(retryAfterMs),
                "limits": .object([
                    "minute": .object(["limit": .int(limits.perMinute), "remaining": .int(minuteRemaining), "reset_ms": .int(minuteResetMs)]),
                    "hour": .object(["limit": .int(limits.perHour), "remaining": .int(hourRemaining), "reset_ms": .int(hourResetMs)]),
                ]),
            ])
        }
    }

    private let state = Mutex<[String: Counters]>([:])

    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000

    /// Checks and, when `take` is true and the request fits, counts `cost` requests.
    func check(user: String, limits: Limits, cost: Int64, now: Timestamp, take: Bool) -> Decision {
        let t = now.milliseconds
        let minuteWindow = t / Self.minute
        let hourWindow = t / Self.hour
        let minuteReset = (minuteWindow + 1) * Self.minute - t
        let hourReset = (hourWindow + 1) * Self.hour - t
        return state.withLock { table in
            var counters = table[user] ?? Counters()
            if counters.minuteWindow != minuteWindow {
                counters.minuteWindow = minuteWindow
                counters.minuteCount = 0
            }
            if counters.hourWindow != hourWindow {
                counters.hourWindow = hourWindow
                counters.hourCount = 0
            }
            // `limit - count >= cost`, not `count + cost <= limit`: both are non-negative, so the
            // subtraction cannot overflow even for a plan whose limit is Int64.max.
            let minuteOK = limits.perMinute - counters.minuteCount >= cost
            let hourOK = limits.perHour - counters.hourCount >= cost
            let allowed = minuteOK && hourOK
            if allowed && take {
                counters.minuteCount += cost
                counters.hourCount += cost
            }
            table[user] = counters
            var retry: Int64 = 0
            if !hourOK { retry = hourReset } else if !minuteOK { retry = minuteReset }
            return Decision(
                allowed: allowed, retryAfterMs: retry,
                minuteRemaining: max(0, limits.perMinute - counters.minuteCount),
                hourRemaining: max(0, limits.perHour - counters.hourCount),
                minuteResetMs: minuteReset, hourResetMs: hourReset, limits: limits)
        }
    }

    /// Forgets users whose hour window has passed, so memory follows active users only.
    func prune(now: Timestamp) {
        let hourWindow = now.milliseconds / Self.hour
        state.withLock { table in table = table.filter { $0.value.hourWindow >= hourWindow } }
    }
}
