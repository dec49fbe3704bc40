/// The answer of `ratelimit.check`: whether the request fits every window of the user's plan,
/// and each window's state after the check.
public struct RateLimitDecision: Sendable, Equatable {
    /// One fixed window (minute, hour or UTC day).
    public struct Window: Sendable, Equatable {
        public let limit: Int64
        public let remaining: Int64
        public let resetMs: Int64

        public init(limit: Int64, remaining: Int64, resetMs: Int64) {
            self.limit = limit
            self.remaining = remaining
            self.resetMs = resetMs
        }
    }

    public let allowed: Bool
    public let retryAfterMs: Int64
    public let minute: Window
    public let hour: Window
    /// Nil when the plan has no daily cap (`max_api_calls_per_day` 0).
    public let day: Window?

    public init(allowed: Bool, retryAfterMs: Int64, minute: Window, hour: Window, day: Window?) {
        self.allowed = allowed
        self.retryAfterMs = retryAfterMs
        self.minute = minute
        self.hour = hour
        self.day = day
    }
}
