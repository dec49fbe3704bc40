import BillingProtocol
import BillingStore

extension Analytics {
    /// A plan price's monthly share in twelfths of a cent, so every interval is exact in integers.
    static func twelfthsPerMonth(_ interval: String) -> Int64 {
        switch interval {
        case "day": 365
        case "week": 52
        case "year": 1
        default: 12
        }
    }

    /// `analytics.revenue`: money received per period and currency, per plan, and MRR per plan at
    /// each period's end. Completed and refunded payments count (what was charged).
    static func revenue(_ db: Connection, _ range: Range, groupBy: Granularity) throws -> RevenueReport {
        let charged = range.values + [.text(PaymentStatus.completed.rawValue), .text(PaymentStatus.refunded.rawValue)]
        let buckets = try range.buckets(groupBy)
        let periods = try query(db, """
            SELECT \(groupBy.sql("created_at", db.dialect)) AS period, currency, count(*) AS payments, wide_sum(amount) AS gross,
                   wide_sum(CASE WHEN status = ?4 THEN amount ELSE 0 END) AS refunded
            FROM payment_history WHERE created_at >= ?1 AND created_at < ?2 AND status IN (?3, ?4)
            GROUP BY period, currency ORDER BY period, currency
            """, charged).map {
            RevenueReport.Period(period: $0.string("period"), currency: $0.string("currency"), payments: $0.int("payments"),
                           gross: $0.wide("gross"), refunded: $0.wide("refunded"))
        }
        let byPlan = try query(db, """
            SELECT plan_id, currency, count(*) AS payments, wide_sum(CASE WHEN status = ?3 THEN amount ELSE 0 END) AS net
            FROM payment_history WHERE created_at >= ?1 AND created_at < ?2 AND status IN (?3, ?4)
            GROUP BY plan_id, currency ORDER BY net DESC, plan_id NULLS FIRST, currency
            """, charged).map {
            RevenueReport.PlanTotal(planID: $0.optionalString("plan_id"), currency: $0.string("currency"), payments: $0.int("payments"),
                                    net: $0.wide("net"))
        }
        return RevenueReport(periods: periods, byPlan: byPlan, mrr: try mrr(db, range, buckets))
    }

    /// MRR at the last millisecond of each bucket, rebuilt from each subscription's dates: it
    /// counts from `created_at` (or the end of its trial) until `ended_at`, not while paused,
    /// at its current plan's price (plan changes are not kept as history).
    static func mrr(_ db: Connection, _ range: Range, _ buckets: [(label: String, from: Timestamp, to: Timestamp)]) throws -> [RevenueReport.MRR] {
        let subscriptions = try query(db, """
            SELECT s.plan_id, s.status, s.created_at, s.trial_end, s.paused_at, s.ended_at, p.price, p.currency, p.billing_interval
            FROM user_subscriptions s JOIN subscription_plans p ON p.id = s.plan_id
            WHERE s.created_at < ?2 AND (s.ended_at IS NULL OR s.ended_at > ?1) AND p.price > 0
            """, range.values)
        var out: [RevenueReport.MRR] = []
        for bucket in buckets {
            let instant = bucket.to.milliseconds - 1
            var totals: [String: (plan: String, currency: String, count: Int64, twelfths: Int128)] = [:]
            for row in subscriptions {
                guard row.int("created_at") <= instant, row.optionalInt("ended_at").map({ $0 > instant }) ?? true,
                      row.optionalInt("trial_end").map({ $0 <= instant }) ?? true,
                      !(row.string("status") == SubscriptionStatus.paused.rawValue && (row.optionalInt("paused_at") ?? Int64.max) <= instant)
                else { continue }
                let key = row.string("plan_id") + "\u{0}" + row.string("currency")
                let share = Int128(row.int("price")) * Int128(twelfthsPerMonth(row.string("billing_interval")))
                var entry = totals[key] ?? (row.string("plan_id"), row.string("currency"), 0, 0)
                entry.count += 1
                entry.twelfths += share
                totals[key] = entry
            }
            for entry in totals.values.sorted(by: { ($0.plan, $0.currency) < ($1.plan, $1.currency) }) {
                out.append(RevenueReport.MRR(period: bucket.label, planID: entry.plan, currency: entry.currency, subscriptions: entry.count,
                                       mrr: entry.twelfths / 12 + (entry.twelfths % 12 >= 6 ? 1 : 0)))
            }
        }
        return out
    }
}
