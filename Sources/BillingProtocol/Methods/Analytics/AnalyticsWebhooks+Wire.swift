/// `analytics.webhooks` on the wire: its catalog entry.
extension AnalyticsWebhooks: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Lemon Squeezy deliveries per period, event name and outcome.",
        params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBySpec], result: [("rows", "[{period, event_name, outcome, deliveries}]")])
}
