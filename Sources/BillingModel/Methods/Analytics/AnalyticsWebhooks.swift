/// `analytics.webhooks`: Lemon Squeezy deliveries per period, event name and outcome.
public enum AnalyticsWebhooks: Command {
    public typealias Parameters = AnalyticsPeriodParameters
    public typealias Result = WebhookReport
    public static let name = "analytics.webhooks"
    public static let access = MethodAccess.read
}
