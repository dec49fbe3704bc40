/// The answer of `analytics.webhooks`: Lemon Squeezy deliveries per period, event name and outcome.
/// Event names and outcomes are reported as stored, so a row logged by any version reads back.
public struct WebhookReport: Sendable, Equatable {
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
}
