import BillingProtocol

/// A grant as `credits.get` shows it.
public struct ShownGrant: Sendable {
    public let id: Int64
    public let source: String
    public let amount: Int64
    public let remaining: Int64
    public let expiresAt: Timestamp?
}
