/// `ratelimit.check` on the wire: its catalog entry and its params' JSON.
extension RateLimitCheck: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Takes `cost` tokens from the user's plan limits when allowed; a denial is a result, not an error.",
        params: [.required("user_id", .identifier, "The user."), .optional("cost", .integer(min: 1, max: 1_000_000), "Default 1.")],
        result: RateLimitDecision.fields)
}

extension RateLimitCheck.Parameters: MethodParameters {
    public init(validated p: Params) { self.init(userID: p.requiredString("user_id"), cost: p.int("cost") ?? 1) }
    public var wire: JSONObject { ["user_id": .string(userID), "cost": .int(cost)] }
}
