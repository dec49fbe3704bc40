/// Spaces requests evenly at a fixed rate, so a soak can run at a chosen load (say half the
/// peak) instead of flat out. The schedule is absolute (request k is due at start + k / rate),
/// so a generator that fell behind catches up and the average rate is kept over a run.
struct Pacer {
    /// Requests per second this pacer allows.
    let ratePerSecond: Double
    /// Monotonic nanoseconds of the first request's due time.
    let start: UInt64
    /// Requests allowed so far.
    private(set) var taken: UInt64 = 0

    init(ratePerSecond: Double, start: UInt64) {
        precondition(ratePerSecond > 0 && ratePerSecond.isFinite, "the rate must be positive")
        self.ratePerSecond = ratePerSecond
        self.start = start
    }

    /// When the next request is due (monotonic nanoseconds).
    var nextDue: UInt64 {
        start &+ UInt64((Double(taken) * 1e9 / ratePerSecond).rounded(.down))
    }

    /// Takes the next request's turn if it is due at `now`; false means wait until `nextDue`.
    mutating func take(now: UInt64) -> Bool {
        guard now >= nextDue else { return false }
        taken += 1
        return true
    }
}
