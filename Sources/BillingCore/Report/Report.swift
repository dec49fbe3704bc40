import BillingProtocol

/// `billingd report`: the analytics of one range, gathered as the typed results of the
/// `analytics.*` methods (from a running daemon's socket, or straight from the database file),
/// so the page shows exactly what they answer.
public struct Report: Sendable {
    public let from: Timestamp
    public let to: Timestamp
    public let groupBy: Granularity
    public let generatedAt: Timestamp
    /// Where the numbers came from (a socket or a database path), shown on the page.
    public let source: String
    public let revenue: RevenueReport
    public let subscriptions: SubscriptionReport
    public let credits: CreditFlowReport
    /// Usage by generation type, and by model.
    public let usage: UsageReport
    public let models: UsageReport
    public let topByCredits: TopUserList
    public let topByCost: TopUserList
    public let webhooks: WebhookReport

    /// Asks `caller` the analytics methods of [from, to), typed.
    public static func gather(from: Timestamp, to: Timestamp, groupBy: Granularity, source: String, generatedAt: Timestamp,
                              caller: some MethodCaller) throws -> Report {
        let period = AnalyticsPeriodParameters(from: from, to: to, groupBy: groupBy)
        func usage(_ dimension: AnalyticsUsage.Dimension) throws -> UsageReport {
            try caller.call(AnalyticsUsage.self, .init(from: from, to: to, groupBy: dimension))
        }
        func top(_ order: AnalyticsTopUsers.Order) throws -> TopUserList { try caller.call(AnalyticsTopUsers.self, .init(from: from, to: to, by: order)) }
        return Report(
            from: from, to: to, groupBy: groupBy, generatedAt: generatedAt, source: source,
            revenue: try caller.call(AnalyticsRevenue.self, period), subscriptions: try caller.call(AnalyticsSubscriptions.self, period),
            credits: try caller.call(AnalyticsCredits.self, period), usage: try usage(.usageType), models: try usage(.model),
            topByCredits: try top(.creditsUsed), topByCost: try top(.costUSD), webhooks: try caller.call(AnalyticsWebhooks.self, period))
    }

    /// The bucket labels of the range, oldest first (every bucket, also the empty ones).
    var periods: [String] { groupBy.buckets(from: from, to: to).map(\.label) }
}
