import BillingProtocol
import BillingStore

extension Analytics {
    /// `analytics.webhooks`: Lemon Squeezy deliveries per period, event and outcome.
    public struct Webhooks: Sendable, Equatable {
        public struct Row: Sendable, Equatable {
            public let period: String
            public let eventName: String
            public let outcome: String
            public let deliveries: Int64
        }

        public let rows: [Row]

        public var json: JSONValue {
            .object(["rows": .array(rows.map {
                .object(["period": .string($0.period), "event_name": .string($0.eventName), "outcome": .string($0.outcome),
                         "deliveries": .int($0.deliveries)])
            })])
        }
    }

    public static func webhooks(_ db: Connection, _ range: Range, groupBy: Granularity) throws -> Webhooks {
        _ = try range.buckets(groupBy)
        return Webhooks(rows: try query(db, """
            SELECT \(groupBy.sql("received_at", db.dialect)) AS period, event_name, outcome, count(*) AS n FROM webhook_events
            WHERE received_at >= ?1 AND received_at < ?2 GROUP BY period, event_name, outcome ORDER BY period, event_name, outcome
            """, range.values).map {
            Webhooks.Row(period: $0.string("period"), eventName: $0.string("event_name"), outcome: $0.string("outcome"), deliveries: $0.int("n"))
        })
    }
}
