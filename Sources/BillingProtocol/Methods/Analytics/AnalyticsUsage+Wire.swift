/// `analytics.usage` on the wire: its catalog entry and its params' JSON.
extension AnalyticsUsage: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Usage per generation type, model, endpoint, category or language, with exact response-time percentiles.",
        params: AnalyticsPeriodParameters.specs + [
            .required("group_by", .oneOf(Dimension.allCases.map(\.rawValue)), "The dimension; model is metadata.model."),
            .optional("user_id", .identifier, "Only this user (all users when omitted)."),
        ],
        result: [("rows", "[{key, requests, credits_used, tokens_used, cost_usd, response_time_ms: {count, p50, p90, p95, p99, max}}] (nearest rank)")],
        errors: ["invalid_state"])
}

extension AnalyticsUsage.Parameters: MethodParameters {
    public init(validated p: Params) throws(RPCError) {
        let (from, to) = try AnalyticsPeriodParameters.range(p)
        guard let groupBy = p.string("group_by").flatMap(AnalyticsUsage.Dimension.init(rawValue:)) else {
            throw RPCError.invalidParams(field: "group_by", "'group_by' is required")
        }
        self.init(from: from, to: to, groupBy: groupBy, userID: p.string("user_id"))
    }

    public var wire: JSONObject {
        var object: JSONObject = ["from": .string(from.rfc3339), "to": .string(to.rfc3339), "group_by": .string(groupBy.rawValue)]
        object["user_id"] = userID.map { .string($0) }
        return object
    }
}
