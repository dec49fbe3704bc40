/// `usage.summary`: exact totals per group over [from, to), ordered by key.
public enum UsageSummarize: BillingMethod {
    public typealias Result = UsageSummary

    public struct Parameters: MethodParameters, Equatable {
        /// Nil: every user.
        public var userID: String?
        public var from: Timestamp
        public var to: Timestamp
        public var groupBy: UsageGrouping

        public init(userID: String? = nil, from: Timestamp, to: Timestamp, groupBy: UsageGrouping) {
            self.userID = userID
            self.from = from
            self.to = to
            self.groupBy = groupBy
        }

        public init(validated p: Params) throws(RPCError) {
            guard let from = p.time("from"), let to = p.time("to"),
                let groupBy = p.string("group_by").flatMap(UsageGrouping.init(rawValue:))
            else { throw RPCError(.invalidParams, "usage.summary needs from, to and group_by") }
            self.init(userID: p.string("user_id"), from: from, to: to, groupBy: groupBy)
        }

        public var wire: JSONObject {
            var object: JSONObject = ["from": .string(from.rfc3339), "to": .string(to.rfc3339), "group_by": .string(groupBy.rawValue)]
            object["user_id"] = userID.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "usage.summary", "Totals per group over [from, to), ordered by key.", access: .read,
        params: [.optional("user_id", .identifier, "Only this user (all users when omitted)."),
                 .required("from", .timestamp, "Inclusive."), .required("to", .timestamp, "Exclusive."),
                 .required("group_by", .oneOf(UsageGrouping.allCases.map(\.rawValue)), "Grouping (day is the UTC date).")],
        result: [("rows", "[{key, requests, credits_used, product_count, tokens_used, cost_usd (decimal string), avg_response_time_ms (integer or null)}]")])
}
