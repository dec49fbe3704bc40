import Histogram
import Synchronization

/// One event loop's share of the per-request counters of `system.stats`. Only its own loop
/// records into it, so its lock is contended only while `system.stats` sums the shards: no
/// lock is shared between the event loops per request.
final class StatsShard: Sendable {
    struct Counts {
        var requests: [String: Int64] = [:]
        var errors: [String: Int64] = [:]
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }

    private let counts = Mutex(Counts())

    func record(method: String, errorType: String?, microseconds: UInt64) {
        counts.withLock { c in
            c.requests[method, default: 0] += 1
            if let errorType { c.errors[errorType, default: 0] += 1 }
            _ = c.latency.record(min(microseconds, 60_000_000))
        }
    }

    /// Adds this shard's counts to `total`.
    func add(to total: inout Counts) {
        counts.withLock { c in
            total.requests.merge(c.requests, uniquingKeysWith: +)
            total.errors.merge(c.errors, uniquingKeysWith: +)
            total.latency.add(c.latency)
        }
    }
}
