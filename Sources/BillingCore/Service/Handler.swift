import BillingProtocol
import BillingStore

/// How a method runs: on a read connection (a snapshot of the last commit) or on the single
/// writer (inside the batch transaction, in the request's own savepoint).
enum Handler: Sendable {
    typealias Body = @Sendable (HandlerContext, Connection, Params) throws -> JSONValue
    case read(Body)
    case write(Body)
}

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
}
