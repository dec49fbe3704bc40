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
    static let columns = ["id", "user_id", "usage_type", "credits_used", "product_count", "language_code", "category", "tokens_used",
                          "response_time_ms", "cost_usd", "request_id", "batch_id", "endpoint_used", "user_credits_id", "metadata",
                          "created_at"]

    var values: [SQLValue] {
        [
            .text(id), .text(user), .text(fields.usageType ?? "ai_generation"), .integer(credits),
            .integer(fields.productCount ?? 1), .optional(fields.languageCode), .optional(fields.category),
            .optional(fields.tokensUsed), .optional(fields.responseTimeMs), .optional(fields.costUSD?.minorUnits),
            .optional(fields.requestID), .optional(fields.batchID), .optional(fields.endpointUsed),
            .text(user), .text(fields.metadata.map { JSONValue.object($0).serialized() } ?? "{}"), .integer(at.milliseconds),
        ]
    }
}
