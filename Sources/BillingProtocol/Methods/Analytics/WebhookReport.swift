/// The answer of `analytics.webhooks`: Lemon Squeezy deliveries per period, event name and outcome.
/// Event names and outcomes are reported as stored, so a row logged by any version reads back.
public struct WebhookReport: MethodResult, Equatable {
    public struct Row: Sendable, Equatable {
        public let period: String
        public let eventName: String
        public let outcome: String
        public let deliveries: Int64

        public init(period: String, eventName: String, outcome: String, deliveries: Int64) {
            self.period = period
            self.eventName = eventName
            self.outcome = outcome
            self.deliveries = deliveries
        }
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public init(wire json: JSONValue) throws(RPCError) {
        var rows: [Row] = []
        for r in try WireField.array(json["rows"], "rows") {
            rows.append(Row(period: try WireField.string(r["period"], "period"), eventName: try WireField.string(r["event_name"], "event_name"),
                            outcome: try WireField.string(r["outcome"], "outcome"), deliveries: try WireField.int(r["deliveries"], "deliveries")))
        }
        self.init(rows: rows)
    }

    public var wire: JSONValue {
        .object(["rows": .array(rows.map {
            .object(["period": .string($0.period), "event_name": .string($0.eventName), "outcome": .string($0.outcome),
                     "deliveries": .int($0.deliveries)])
        })])
    }
}
