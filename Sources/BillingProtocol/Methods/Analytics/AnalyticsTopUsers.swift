/// `analytics.top_users`: the users with the most credits used (or cost) in a range.
public enum AnalyticsTopUsers: BillingMethod {
    public typealias Result = TopUserList

    /// How `analytics.top_users` orders users.
    public enum Order: String, Sendable, CaseIterable {
        case creditsUsed = "credits_used", costUSD = "cost_usd"
    }

    public struct Parameters: MethodParameters, Equatable {
        public var from: Timestamp
        public var to: Timestamp
        public var by: Order
        public var limit: Int64

        public init(from: Timestamp, to: Timestamp, by: Order = .creditsUsed, limit: Int64 = 10) {
            self.from = from
            self.to = to
            self.by = by
            self.limit = limit
        }

        public init(validated p: Params) throws(RPCError) {
            let (from, to) = try AnalyticsPeriodParameters.range(p)
            self.init(from: from, to: to, by: p.string("by").flatMap(Order.init(rawValue:)) ?? .creditsUsed, limit: p.int("limit") ?? 10)
        }

        public var wire: JSONObject {
            ["from": .string(from.rfc3339), "to": .string(to.rfc3339), "by": .string(by.rawValue), "limit": .int(limit)]
        }
    }

    public static let descriptor = MethodDescriptor(
        "analytics.top_users", "The users with the most credits used (or cost) in the range.", access: .read,
        params: AnalyticsPeriodParameters.specs + [
            .optional("by", .oneOf(Order.allCases.map(\.rawValue)), "Ordering, default credits_used."),
            .optional("limit", .integer(min: 1, max: 100), "How many, default 10."),
        ],
        result: [("users", "[{user_id, requests, credits_used, cost_usd}]")], errors: ["invalid_state"])
}
