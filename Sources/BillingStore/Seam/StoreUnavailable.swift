/// The store cannot be reached right now: PostgreSQL is down or restarting, or the session was
/// lost. Nothing of the request was applied, except when `outcomeUnknown`: the session was lost
/// while COMMIT was in flight, so the change may or may not be durable, and only a retry with the
/// same idempotency key can tell (it replays the stored answer, or applies the change once).
/// The server answers 1010 `unavailable` either way; the store reconnects by itself.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public let outcomeUnknown: Bool

    public init(_ reason: String, outcomeUnknown: Bool = false) {
        self.reason = reason
        self.outcomeUnknown = outcomeUnknown
    }

    public var description: String {
        "the database is unavailable: \(reason)" + (outcomeUnknown ? " (during COMMIT: the outcome is unknown)" : "")
    }
}
