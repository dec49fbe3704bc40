import BillingProtocol
import BillingStore

extension Analytics {
    /// `analytics.subscriptions`: how many subscriptions each plan has in each status now, and
    /// per period and plan how many started, were cancelled (asked to end) and churned (ended).
    public struct Subscriptions: Sendable, Equatable {
        public struct Status: Sendable, Equatable {
            public let planID: String
            public let status: String
            public let subscriptions: Int64
        }

        public struct Period: Sendable, Equatable {
            public let period: String
            public let planID: String
            public var new: Int64 = 0
            public var cancelled: Int64 = 0
            public var churned: Int64 = 0
        }

        public let byStatus: [Status]
        public let periods: [Period]

        public var json: JSONValue {
            .object([
                "by_status": .array(byStatus.map {
                    .object(["plan_id": .string($0.planID), "status": .string($0.status), "subscriptions": .int($0.subscriptions)])
                }),
                "periods": .array(periods.map {
                    .object(["period": .string($0.period), "plan_id": .string($0.planID), "new": .int($0.new),
                             "cancelled": .int($0.cancelled), "churned": .int($0.churned)])
                }),
            ])
        }
    }

    public static func subscriptions(_ db: Connection, _ range: Range, groupBy: Granularity) throws -> Subscriptions {
        _ = try range.buckets(groupBy)
        let byStatus = try query(db, """
            SELECT plan_id, status, count(*) AS n FROM user_subscriptions GROUP BY plan_id, status ORDER BY plan_id, status
            """, []).map { Subscriptions.Status(planID: $0.string("plan_id"), status: $0.string("status"), subscriptions: $0.int("n")) }
        var periods: [String: Subscriptions.Period] = [:]
        for (column, field) in [("created_at", \Subscriptions.Period.new), ("cancelled_at", \.cancelled), ("ended_at", \.churned)] {
            // Churn counts subscriptions that ended (cancelled or expired). The unary `+` keeps
            // SQLite on the time index (idx_user_subscriptions_ended) instead of the status one.
            let ended = column == "ended_at" ? "AND +status IN ('cancelled', 'expired')" : ""
            for row in try query(db, """
                SELECT \(groupBy.sql(column, db.dialect)) AS period, plan_id, count(*) AS n FROM user_subscriptions
                WHERE \(column) >= ?1 AND \(column) < ?2 \(ended) GROUP BY period, plan_id
                """, range.values) {
                let key = row.string("period") + "\u{0}" + row.string("plan_id")
                var entry = periods[key] ?? Subscriptions.Period(period: row.string("period"), planID: row.string("plan_id"))
                entry[keyPath: field] = row.int("n")
                periods[key] = entry
            }
        }
        return Subscriptions(byStatus: byStatus, periods: periods.values.sorted { ($0.period, $0.planID) < ($1.period, $1.planID) })
    }
}
