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

    public init(id: Int64, user: String, grantID: Int64, delta: Int64, balanceAfter: Int64, kind: String, reference: String?, createdAt: Timestamp) {
        self.id = id
        self.user = user
        self.grantID = grantID
        self.delta = delta
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.reference = reference
        self.createdAt = createdAt
    }
}
