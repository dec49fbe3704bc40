import BillingProtocol

extension AnalyticsQueries {
    /// `analytics.webhooks`: Lemon Squeezy deliveries per period, event and outcome.
    public func webhooks(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> WebhookReport {
        WebhookReport(rows: try db.query("""
            SELECT \(groupBy.sql("received_at", db.dialect)) AS period, event_name, outcome, count(*) AS n FROM webhook_events
            WHERE received_at >= ?1 AND received_at < ?2 GROUP BY period, event_name, outcome ORDER BY period, event_name, outcome
            """, Self.values(from, to)).map {
            WebhookReport.Row(period: $0.string("period"), eventName: $0.string("event_name"), outcome: $0.string("outcome"), deliveries: $0.int("n"))
        })
    }
}
