import BillingProtocol

/// The sums and counts behind `analytics.*`, over ranges the domain has already checked.
public protocol AnalyticsRecords {
    func credits(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> CreditFlowReport
    func revenue(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> [RevenueReport.Period]
    func netByPlan(from: Timestamp, to: Timestamp) throws -> [RevenueReport.PlanTotal]
    /// The subscriptions that may count towards MRR in [`from`, `to`), with their plan's price.
    func pricedSubscriptions(from: Timestamp, to: Timestamp) throws -> [PricedSubscription]
    func subscriptions(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> SubscriptionReport
    func usage(from: Timestamp, to: Timestamp, groupBy: AnalyticsUsage.Dimension, user: String?) throws -> UsageReport
    func topUsers(from: Timestamp, to: Timestamp, by order: AnalyticsTopUsers.Order, limit: Int64) throws -> TopUserList
    func webhooks(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> WebhookReport
}
