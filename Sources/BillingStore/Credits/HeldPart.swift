/// What a held reservation holds of one grant, with the grant's expiry (epoch ms, nil: never).
public struct HeldPart: Sendable {
    public let reservationID: String
    public let grantID: Int64
    public let amount: Int64
    public let grantExpiresAt: Int64?
}
