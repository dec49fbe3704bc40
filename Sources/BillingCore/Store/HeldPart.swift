/// What a held reservation holds of one grant, with the grant's expiry (epoch ms, nil: never).
public struct HeldPart: Sendable {
    public let reservationID: String
    public let grantID: Int64
    public let amount: Int64
    public let grantExpiresAt: Int64?

    public init(reservationID: String, grantID: Int64, amount: Int64, grantExpiresAt: Int64?) {
        self.reservationID = reservationID
        self.grantID = grantID
        self.amount = amount
        self.grantExpiresAt = grantExpiresAt
    }
}
