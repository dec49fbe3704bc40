import BillingCore
import BillingProtocol

/// How a `UsageRow` is written: its columns, and its values in their order.
extension UsageRow {
    static let columns = ["id", "user_id", "usage_type", "credits_used", "product_count", "language_code", "category", "tokens_used",
                          "response_time_ms", "cost_usd", "request_id", "batch_id", "endpoint_used", "user_credits_id", "metadata",
                          "created_at"]

    var values: [SQLValue] {
        [
            .text(id), .text(user), .text(fields.usageType ?? "ai_generation"), .integer(credits),
            .integer(fields.productCount ?? 1), .optional(fields.languageCode), .optional(fields.category),
            .optional(fields.tokensUsed), .optional(fields.responseTimeMs), .optional(fields.costUSD?.minorUnits),
            .optional(fields.requestID), .optional(fields.batchID), .optional(fields.endpointUsed),
            .text(user), .text(fields.metadata?.text ?? "{}"), .integer(at.milliseconds),
        ]
    }
}
