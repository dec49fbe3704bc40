/// `analytics.webhooks`: Lemon Squeezy deliveries per period, event name and outcome.
public enum AnalyticsWebhooks: BillingMethod {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = WebhookReport

    public static let descriptor = MethodDescriptor(
        "analytics.webhooks", "Lemon Squeezy deliveries per period, event name and outcome.", access: .read,
        params: AnalyticsPeriodParameters.specs + [AnalyticsPeriodParameters.groupBy], result: [("rows", "[{period, event_name, outcome, deliveries}]")])
}
