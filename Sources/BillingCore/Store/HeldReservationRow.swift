/// A held reservation with its parts, as the writer's account copy loads it.
public struct HeldReservationRow: Sendable {
    public let id: String
    public let user: String
    public let amount: Int64
    /// Epoch ms.
    public let expiresAt: Int64
    /// Soonest-expiring grant first (never-expiring last), then by id: the order a commit spends them in.
    public let parts: [HeldPart]

    public init(id: String, user: String, amount: Int64, expiresAt: Int64, parts: [HeldPart]) {
        self.id = id
        self.user = user
        self.amount = amount
        self.expiresAt = expiresAt
        self.parts = parts
    }
}
