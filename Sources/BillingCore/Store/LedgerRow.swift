import BillingProtocol

/// One `credit_ledger` row to write: a change of one grant's credits, and the balance after it.
public struct LedgerRow: Sendable {
    public let user: String
    public let grantID: Int64
    public let delta: Int64
    public let balanceAfter: Int64
    public let kind: LedgerKind
    public let reference: String?
    public let at: Timestamp

    public init(user: String, grantID: Int64, delta: Int64, balanceAfter: Int64, kind: LedgerKind, reference: String?, at: Timestamp) {
        self.user = user
        self.grantID = grantID
        self.delta = delta
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.reference = reference
        self.at = at
    }
}
