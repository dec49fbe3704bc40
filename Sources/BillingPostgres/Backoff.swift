import BillingStore

/// When to try reconnecting after PostgreSQL was lost: at once the first time, then after
/// 50 ms, doubling up to 2 s, so a server that is down costs one quick refusal per request, not
/// one connection attempt per request. Owned by one thread.
struct Backoff {
    private var failures = 0
    private var next = ContinuousClock.now

    /// Throws `StoreUnavailable` while it is too early for another attempt.
    func attempt() throws {
        guard ContinuousClock.now >= next else { throw StoreUnavailable("cannot reach PostgreSQL; reconnecting") }
    }

    mutating func failed() {
        failures += 1
        let delay = min(50 * (1 << min(failures - 1, 6)), 2_000)
        next = ContinuousClock.now + .milliseconds(delay)
    }

    mutating func succeeded() {
        failures = 0
        next = ContinuousClock.now
    }
}
