import BillingProtocol

extension Analytics {
    /// A plan price's monthly share in twelfths of a cent, so every interval is exact in integers.
    static func twelfthsPerMonth(_ interval: Timestamp.CalendarUnit) -> Int64 {
        switch interval {
        case .day: 365
        case .week: 52
        case .year: 1
        case .month: 12
        }
    }

    /// `analytics.revenue`: money received per period and currency, per plan, and MRR per plan at
    /// each period's end. Completed and refunded payments count (what was charged).
    static func revenue(_ db: StoreSession, _ range: Range, groupBy: Granularity) throws -> RevenueReport {
        let buckets = try range.buckets(groupBy)
        let periods = try db.analytics.revenue(from: range.from, to: range.to, groupBy: groupBy)
        let byPlan = try db.analytics.netByPlan(from: range.from, to: range.to)
        let subscriptions = try db.analytics.pricedSubscriptions(from: range.from, to: range.to)
        return RevenueReport(periods: periods, byPlan: byPlan, mrr: mrr(subscriptions, buckets))
    }

    /// MRR at the last millisecond of each bucket, rebuilt from each subscription's dates: it
    /// counts from `created_at` (or the end of its trial) until `ended_at`, not while paused,
    /// at its current plan's price (plan changes are not kept as history).
    static func mrr(_ subscriptions: [PricedSubscription], _ buckets: [(label: String, from: Timestamp, to: Timestamp)]) -> [RevenueReport.MRR] {
        var out: [RevenueReport.MRR] = []
        for bucket in buckets {
            let instant = bucket.to.milliseconds - 1
            var totals: [String: (plan: String, currency: String, count: Int64, twelfths: Int128)] = [:]
            for s in subscriptions {
                guard s.createdAt.milliseconds <= instant, s.endedAt.map({ $0.milliseconds > instant }) ?? true,
                      s.trialEnd.map({ $0.milliseconds <= instant }) ?? true,
                      !(s.status == .paused && (s.pausedAt?.milliseconds ?? Int64.max) <= instant)
                else { continue }
                let key = s.planID + "\u{0}" + s.currency
                let share = Int128(s.price.minorUnits) * Int128(twelfthsPerMonth(s.billingInterval))
                var entry = totals[key] ?? (s.planID, s.currency, 0, 0)
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
