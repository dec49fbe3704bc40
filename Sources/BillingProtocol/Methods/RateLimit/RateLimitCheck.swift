/// `ratelimit.check`: takes `cost` tokens from the user's plan limits when allowed.
public enum RateLimitCheck: BillingMethod {
    public typealias Result = RateLimitDecision

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var cost: Int64

        public init(userID: String, cost: Int64 = 1) {
            self.userID = userID
            self.cost = cost
        }

        public init(validated p: Params) { self.init(userID: p.requiredString("user_id"), cost: p.int("cost") ?? 1) }
        public var wire: JSONObject { ["user_id": .string(userID), "cost": .int(cost)] }
    }

    public static let descriptor = MethodDescriptor(
        "ratelimit.check", "Takes `cost` tokens from the user's plan limits when allowed; a denial is a result, not an error.",
        access: .read,
        params: [.required("user_id", .identifier, "The user."), .optional("cost", .integer(min: 1, max: 1_000_000), "Default 1.")],
        result: RateLimitDecision.fields)
}
