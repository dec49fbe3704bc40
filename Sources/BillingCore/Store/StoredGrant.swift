/// A grant with credits left, as spending needs it: spend order is soonest `expiresAt` first,
/// never-expiring (nil) last, then by id.
public struct StoredGrant: Sendable {
    public let id: Int64
    public let user: String
    public let remaining: Int64
    /// Epoch ms; nil: never expires.
    public let expiresAt: Int64?

    public init(id: Int64, user: String, remaining: Int64, expiresAt: Int64?) {
        self.id = id
        self.user = user
        self.remaining = remaining
        self.expiresAt = expiresAt
    }
}
