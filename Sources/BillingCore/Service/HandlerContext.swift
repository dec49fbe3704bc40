import BillingProtocol

/// What every handler may use besides its connection and params.
struct HandlerContext: Sendable {
    let clock: BillingClock
    let rateLimiter: RateLimiter
    /// The time of this request, read once so one request sees one instant.
    let now: Timestamp
    /// Signs Lemon Squeezy webhooks; nil leaves `webhooks.lemonsqueezy` unavailable (1010).
    var lemonSqueezySecret: LemonSqueezySecret? = nil
    /// Where clock moves count their scheduler pass (nil for reads).
    var schedulerHealth: SchedulerHealth? = nil
    /// Rate-limit counters live in the store (`SharedRateLimits`), not in this daemon's memory:
    /// other daemons share the store.
    var sharedRateLimits = false
    /// The store's migrations, read on a session (`system.migrations`).
    var migrations: @Sendable (any StoreSession) throws -> MigrationReport = { _ in MigrationReport(applied: [], pending: []) }
}
