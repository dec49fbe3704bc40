/// `analytics.top_users` on the wire: its catalog entry and its params' JSON.
extension AnalyticsTopUsers: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "The users with the most credits used (or cost) in the range.",
        params: AnalyticsPeriodParameters.specs + [
            .optional("by", .oneOf(Order.allCases.map(\.rawValue)), "Ordering, default credits_used."),
            .optional("limit", .integer(min: 1, max: 100), "How many, default 10."),
        ],
        result: [("users", "[{user_id, requests, credits_used, cost_usd}]")], errors: ["invalid_state"])
}

extension AnalyticsTopUsers.Parameters: MethodParameters {
    public init(validated p: Params) throws(RPCError) {
        let (from, to) = try AnalyticsPeriodParameters.range(p)
        self.init(from: from, to: to, by: p.string("by").flatMap(AnalyticsTopUsers.Order.init(rawValue:)) ?? .creditsUsed,
                  limit: p.int("limit") ?? 10)
    }

    public var wire: JSONObject {
        ["from": .string(from.rfc3339), "to": .string(to.rfc3339), "by": .string(by.rawValue), "limit": .int(limit)]
    }
}
