/// Where a reservation stands (`credit_reservations.status`): held until committed, released
/// by its owner, or expired (released by the daemon at `expires_at`).
public enum ReservationStatus: String, Sendable {
    case held, committed, released, expired
}
