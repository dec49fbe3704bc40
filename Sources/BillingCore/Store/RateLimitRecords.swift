/// Rate-limit windows on a store that several daemons write to, so the limits hold across them.
public protocol RateLimitRecords {
    /// The user's windows, locked until the transaction ends (nil: none counted yet).
    func lockedWindows(_ user: String) throws -> RateWindows?

    func save(_ user: String, _ windows: RateWindows) throws
}
