import BillingProtocol

/// A reservation as committing or releasing it needs it (`credit_reservations`).
public struct StoredReservation: Sendable {
    public let id: String
    public let user: String
    public let amount: Int64
    public let status: ReservationStatus
    public let expiresAt: Timestamp

    public init(id: String, user: String, amount: Int64, status: ReservationStatus, expiresAt: Timestamp) {
        self.id = id
        self.user = user
        self.amount = amount
        self.status = status
        self.expiresAt = expiresAt
    }
}
