/// One piece of work that fell due: what it is and the id of the row it concerns.
public struct SchedulerItem: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A held reservation past its `expires_at`, released.
        case reservationTimeout = "reservation_timeout"
        /// A live subscription whose period ended: renewed, ended or moved to past_due.
        case periodEnd = "period_end"
        /// A grant past its `expires_at` whose remaining credits expire.
        case grantExpiry = "grant_expiry"
        /// Idempotency keys past their retention.
        case idempotencyPrune = "idempotency_prune"
    }

    public let kind: Kind
    public let id: String

    public var key: String { "\(kind.rawValue):\(id)" }
}
