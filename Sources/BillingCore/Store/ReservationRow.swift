import BillingProtocol

/// A new held reservation (`credit_reservations`) and what it holds of which grant
/// (`credit_reservation_parts`).
public struct ReservationRow: Sendable {
    public let id: String
    public let user: String
    public let amount: Int64
    public let expiresAt: Timestamp
    public let at: Timestamp
    /// Grant id and the credits held of it.
    public let parts: [(grantID: Int64, amount: Int64)]

    public init(id: String, user: String, amount: Int64, expiresAt: Timestamp, at: Timestamp, parts: [(grantID: Int64, amount: Int64)]) {
        self.id = id
        self.user = user
        self.amount = amount
        self.expiresAt = expiresAt
        self.at = at
        self.parts = parts
    }
}
