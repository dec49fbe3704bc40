import BillingProtocol

extension BillingService {
    /// Every report is a read: a reader connection's snapshot, never the writer.
    static let analyticsHandlers: [Handler] = [
        .method(AnalyticsRevenue.self) { _, db, p in try Analytics.revenue(db, try range(p.from, p.to), groupBy: p.groupBy) },
        .method(AnalyticsSubscriptions.self) { _, db, p in try Analytics.subscriptions(db, try range(p.from, p.to), groupBy: p.groupBy) },
        .method(AnalyticsCredits.self) { _, db, p in try Analytics.credits(db, try range(p.from, p.to), groupBy: p.groupBy) },
        .method(AnalyticsUsage.self) { _, db, p in try Analytics.usage(db, try range(p.from, p.to), groupBy: p.groupBy, user: p.userID) },
        .method(AnalyticsTopUsers.self) { _, db, p in try Analytics.topUsers(db, try range(p.from, p.to), by: p.by, limit: p.limit) },
        .method(AnalyticsWebhooks.self) { _, db, p in try Analytics.webhooks(db, try range(p.from, p.to), groupBy: p.groupBy) },
    ]

    private static func range(_ from: Timestamp, _ to: Timestamp) throws -> Analytics.Range { try Analytics.Range(from: from, to: to) }
}
