import BillingProtocol

extension UsageRecord {
    /// A `usage_logs` row.
    init(row: Row) {
        self.init(
            usageID: row.string("id"), userID: row.string("user_id"), usageType: row.string("usage_type"),
            creditsUsed: row.int("credits_used"), productCount: row.int("product_count"), languageCode: row.optionalString("language_code"),
            category: row.optionalString("category"), tokensUsed: row.optionalInt("tokens_used"),
            responseTimeMs: row.optionalInt("response_time_ms"),
            costUSD: row.optionalInt("cost_usd").map { Money(minorUnits: $0, scale: Money.costScale) },
            requestID: row.optionalString("request_id"), batchID: row.optionalString("batch_id"),
            endpointUsed: row.optionalString("endpoint_used"),
            metadata: JSONText(column: row.string("metadata")),
            createdAt: Timestamp(milliseconds: row.int("created_at")))
    }
}
