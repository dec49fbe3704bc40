import BillingProtocol

/// The answer of `credits.reserve`.
public struct Reservation: Sendable, Equatable {
    public let reservationID: String
    public let expiresAt: Timestamp?
    public let currentCredits: Int64

    init(_ json: JSONValue) throws {
        reservationID = try ResultField.string(json["reservation_id"], "reservation_id")
        expiresAt = try ResultField.time(json["expires_at"], "expires_at")
        currentCredits = try ResultField.int(json["current_credits"], "current_credits")
    }
}
