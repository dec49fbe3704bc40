import BillingCore
import BillingProtocol

extension AnalyticsQueries {
    /// `analytics.revenue`'s periods: money received per period and currency. Completed and
    /// refunded payments count (what was charged).
    public func revenue(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> [RevenueReport.Period] {
        try db.query("""
            SELECT \(groupBy.sql("created_at", db.dialect)) AS period, currency, count(*) AS payments, wide_sum(amount) AS gross,
                   wide_sum(CASE WHEN status = ?4 THEN amount ELSE 0 END) AS refunded
            FROM payment_history WHERE created_at >= ?1 AND created_at < ?2 AND status IN (?3, ?4)
            GROUP BY period, currency ORDER BY period, currency
            """, Self.charged(from, to)).map {
            RevenueReport.Period(period: $0.string("period"), currency: $0.string("currency"), payments: $0.int("payments"),
                           gross: $0.wide("gross"), refunded: $0.wide("refunded"))
        }
    }

    /// `analytics.revenue`'s totals per plan and currency over the range, the largest first.
    public func netByPlan(from: Timestamp, to: Timestamp) throws -> [RevenueReport.PlanTotal] {
        try db.query("""
            SELECT plan_id, currency, count(*) AS payments, wide_sum(CASE WHEN status = ?3 THEN amount ELSE 0 END) AS net
            FROM payment_history WHERE created_at >= ?1 AND created_at < ?2 AND status IN (?3, ?4)
            GROUP BY plan_id, currency ORDER BY net DESC, plan_id NULLS FIRST, currency
            """, Self.charged(from, to)).map {
            RevenueReport.PlanTotal(planID: $0.optionalString("plan_id"), currency: $0.string("currency"), payments: $0.int("payments"),
                                    net: $0.wide("net"))
        }
    }

    /// The subscriptions to a paid plan that existed at some point in [from, to), for MRR.
    public func pricedSubscriptions(from: Timestamp, to: Timestamp) throws -> [PricedSubscription] {
        try db.query("""
            SELECT s.plan_id, s.status, s.created_at, s.trial_end, s.paused_at, s.ended_at, p.price, p.currency, p.billing_interval
            FROM user_subscriptions s JOIN subscription_plans p ON p.id = s.plan_id
            WHERE s.created_at < ?2 AND (s.ended_at IS NULL OR s.ended_at > ?1) AND p.price > 0
            """, Self.values(from, to)).map {
            PricedSubscription(
                planID: $0.string("plan_id"), status: SubscriptionStatus(rawValue: $0.string("status")) ?? .expired,
                createdAt: Timestamp(milliseconds: $0.int("created_at")), trialEnd: $0.optionalInt("trial_end").map(Timestamp.init(milliseconds:)),
                pausedAt: $0.optionalInt("paused_at").map(Timestamp.init(milliseconds:)),
                endedAt: $0.optionalInt("ended_at").map(Timestamp.init(milliseconds:)),
                price: Money(minorUnits: $0.int("price"), scale: Money.priceScale), currency: $0.string("currency"),
                billingInterval: Timestamp.CalendarUnit(rawValue: $0.string("billing_interval")) ?? .month)
        }
    }

    /// `?1`…`?4` of the payment sums: the range, then the statuses that count as charged.
    static func charged(_ from: Timestamp, _ to: Timestamp) -> [SQLValue] {
        values(from, to) + [.text(PaymentStatus.completed.rawValue), .text(PaymentStatus.refunded.rawValue)]
    }
}
