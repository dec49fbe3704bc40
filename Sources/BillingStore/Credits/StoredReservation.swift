import BillingProtocol

/// A reservation as committing or releasing it needs it (`credit_reservations`).
public struct StoredReservation: Sendable {
    public let id: String
    public let user: String
    public let amount: Int64
    public let status: ReservationStatus
    public let expiresAt: Timestamp
}
