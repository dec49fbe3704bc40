import BillingProtocol

extension Analytics {
    /// `analytics.subscriptions`: how many subscriptions each plan has in each status now, and
    /// per period and plan how many started, were cancelled (asked to end) and churned (ended).
    static func subscriptions(_ db: StoreSession, _ range: Range, groupBy: Granularity) throws -> SubscriptionReport {
        _ = try range.buckets(groupBy)
        return try db.analytics.subscriptions(from: range.from, to: range.to, groupBy: groupBy)
    }
}
