import BillingProtocol

/// One `usage_logs` row to write: a consume, or a committed reservation.
public struct UsageRow: Sendable {
    public let id: String
    public let user: String
    public let credits: Int64
    public let fields: UsageFields
    public let at: Timestamp

    public init(id: String, user: String, credits: Int64, fields: UsageFields, at: Timestamp) {
        self.id = id
        self.user = user
        self.credits = credits
        self.fields = fields
        self.at = at
    }

    /// The columns a row sets, in the order of `values`.
}
