import BillingProtocol

extension AnalyticsQueries {
    /// `analytics.subscriptions`: how many subscriptions each plan has in each status now, and
    /// per period and plan how many started, were cancelled (asked to end) and churned (ended).
    public func subscriptions(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> SubscriptionReport {
        let byStatus = try db.query("""
            SELECT plan_id, status, count(*) AS n FROM user_subscriptions GROUP BY plan_id, status ORDER BY plan_id, status
            """, []).map {
            SubscriptionReport.StatusCount(planID: $0.string("plan_id"), status: SubscriptionStatus(rawValue: $0.string("status")) ?? .expired,
                                           subscriptions: $0.int("n"))
        }
        var periods: [String: SubscriptionReport.Period] = [:]
        for (column, field) in [("created_at", \SubscriptionReport.Period.new), ("cancelled_at", \.cancelled), ("ended_at", \.churned)] {
            // Churn counts subscriptions that ended (cancelled or expired). The unary `+` keeps
            // SQLite on the time index (idx_user_subscriptions_ended) instead of the status one
            // (PostgreSQL has no unary `+` for text, and plans this without the hint).
            let status = db.dialect == .sqlite ? "+status" : "status"
            let ended = column == "ended_at" ? "AND \(status) IN (\(SQLList.of([SubscriptionStatus.cancelled, .expired])))" : ""
            for row in try db.query("""
                SELECT \(groupBy.sql(column, db.dialect)) AS period, plan_id, count(*) AS n FROM user_subscriptions
                WHERE \(column) >= ?1 AND \(column) < ?2 \(ended) GROUP BY period, plan_id
                """, Self.values(from, to)) {
                let key = row.string("period") + "\u{0}" + row.string("plan_id")
                var entry = periods[key] ?? SubscriptionReport.Period(period: row.string("period"), planID: row.string("plan_id"))
                entry[keyPath: field] = row.int("n")
                periods[key] = entry
            }
        }
        return SubscriptionReport(byStatus: byStatus, periods: periods.values.sorted { ($0.period, $0.planID) < ($1.period, $1.planID) })
    }
}
