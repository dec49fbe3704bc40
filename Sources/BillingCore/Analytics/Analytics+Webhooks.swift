import BillingProtocol

extension Analytics {
    /// `analytics.webhooks`: Lemon Squeezy deliveries per period, event and outcome.
    static func webhooks(_ db: StoreSession, _ range: Range, groupBy: Granularity) throws -> WebhookReport {
        _ = try range.buckets(groupBy)
        return try db.analytics.webhooks(from: range.from, to: range.to, groupBy: groupBy)
    }
}
