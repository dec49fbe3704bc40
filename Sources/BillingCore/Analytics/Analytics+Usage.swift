import BillingProtocol

extension Analytics {
    /// `analytics.usage`: usage per generation type (or model, endpoint, category, language) with
    /// exact response-time percentiles.
    static func usage(_ db: StoreSession, _ range: Range, groupBy: AnalyticsUsage.Dimension, user: String?) throws -> UsageReport {
        try db.analytics.usage(from: range.from, to: range.to, groupBy: groupBy, user: user)
    }

    /// `analytics.top_users`: the heaviest users of a range.
    static func topUsers(_ db: StoreSession, _ range: Range, by order: AnalyticsTopUsers.Order, limit: Int64) throws -> TopUserList {
        try db.analytics.topUsers(from: range.from, to: range.to, by: order, limit: limit)
    }
}
