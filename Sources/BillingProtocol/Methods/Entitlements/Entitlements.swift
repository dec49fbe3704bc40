/// The answer of `entitlements.get`: the user's live plan (the free plan when none), the
/// subscription status, the plan's feature flags and limits.
public struct Entitlements: MethodResult, Equatable {
    public let userID: String
    public let planID: String
    /// trialing, active, past_due, paused, or none.
    public let status: String
    public let subscriptionID: String?
    public let features: JSONText
    public let creditsPerPeriod: Int64
    public let maxProductsPerBatch: Int64
    public let maxAPICallsPerDay: Int64
    public let requestsPerMinute: Int64
    public let requestsPerHour: Int64

    public init(userID: String, planID: String, status: String, subscriptionID: String?, features: JSONText, creditsPerPeriod: Int64,
                maxProductsPerBatch: Int64, maxAPICallsPerDay: Int64, requestsPerMinute: Int64, requestsPerHour: Int64) {
        self.userID = userID
        self.planID = planID
        self.status = status
        self.subscriptionID = subscriptionID
        self.features = features
        self.creditsPerPeriod = creditsPerPeriod
        self.maxProductsPerBatch = maxProductsPerBatch
        self.maxAPICallsPerDay = maxAPICallsPerDay
        self.requestsPerMinute = requestsPerMinute
        self.requestsPerHour = requestsPerHour
    }

    public static let fields: [(String, String)] = [
        ("user_id", "the user"), ("plan_id", "the live plan, or free"),
        ("status", "trialing, active, past_due, paused, or none (no live subscription)"),
        ("subscription_id", "the live subscription, or null"), ("features", "the plan's feature flags"),
        ("limits", "{credits_per_period, max_products_per_batch, max_api_calls_per_day, requests_per_minute, requests_per_hour}"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        userID = try WireField.string(json["user_id"], "user_id")
        planID = try WireField.string(json["plan_id"], "plan_id")
        status = try WireField.string(json["status"], "status")
        subscriptionID = try WireField.optionalString(json["subscription_id"], "subscription_id")
        features = JSONText(try WireField.object(json["features"], "features"))
        let limits = json["limits"]
        creditsPerPeriod = try WireField.int(limits?["credits_per_period"], "limits.credits_per_period")
        maxProductsPerBatch = try WireField.int(limits?["max_products_per_batch"], "limits.max_products_per_batch")
        maxAPICallsPerDay = try WireField.int(limits?["max_api_calls_per_day"], "limits.max_api_calls_per_day")
        requestsPerMinute = try WireField.int(limits?["requests_per_minute"], "limits.requests_per_minute")
        requestsPerHour = try WireField.int(limits?["requests_per_hour"], "limits.requests_per_hour")
    }

    public var wire: JSONValue {
        .object([
            "user_id": .string(userID), "plan_id": .string(planID), "status": .string(status),
            "subscription_id": WireField.wire(subscriptionID), "features": features.json,
            "limits": .object([
                "credits_per_period": .int(creditsPerPeriod), "max_products_per_batch": .int(maxProductsPerBatch),
                "max_api_calls_per_day": .int(maxAPICallsPerDay), "requests_per_minute": .int(requestsPerMinute),
                "requests_per_hour": .int(requestsPerHour),
            ]),
        ])
    }

    /// Whether the plan's feature flag `name` is `true`.
    public func allows(_ name: String) -> Bool { features.json[name] == .bool(true) }
}
