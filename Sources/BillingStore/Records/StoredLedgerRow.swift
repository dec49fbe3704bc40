import BillingProtocol

/// A `credit_ledger` row as an archive writes it out.
public struct StoredLedgerRow: Sendable {
    public let id: Int64
    public let user: String
    public let grantID: Int64
    public let delta: Int64
    public let balanceAfter: Int64
    public let kind: String
    public let reference: String?
    public let createdAt: Timestamp
}
