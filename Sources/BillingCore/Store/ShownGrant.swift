import BillingProtocol

/// A grant as `credits.get` shows it.
public struct ShownGrant: Sendable {
    public let id: Int64
    public let source: String
    public let amount: Int64
    public let remaining: Int64
    public let expiresAt: Timestamp?

    public init(id: Int64, source: String, amount: Int64, remaining: Int64, expiresAt: Timestamp?) {
        self.id = id
        self.source = source
        self.amount = amount
        self.remaining = remaining
        self.expiresAt = expiresAt
    }
}
