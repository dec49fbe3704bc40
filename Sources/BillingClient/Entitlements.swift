import BillingProtocol

/// The answer of `entitlements.get`: the plan, the subscription status, features and limits.
public struct Entitlements: Sendable, Equatable {
    public let userID: String
    public let planID: String
    /// trialing, active, past_due, paused, or none.
    public let status: String
    public let features: JSONObject
    public let creditsPerPeriod: Int64
    public let maxProductsPerBatch: Int64
    public let maxAPICallsPerDay: Int64
    public let requestsPerMinute: Int64
    public let requestsPerHour: Int64

    init(_ json: JSONValue) throws {
        userID = try ResultField.string(json["user_id"], "user_id")
        planID = try ResultField.string(json["plan_id"], "plan_id")
        status = try ResultField.string(json["status"], "status")
        guard let features = json["features"]?.objectValue else { throw RPCError(.internalError, "unexpected answer: 'features' is not an object") }
        self.features = features
        let limits = json["limits"]
        creditsPerPeriod = try ResultField.int(limits?["credits_per_period"], "limits.credits_per_period")
        maxProductsPerBatch = try ResultField.int(limits?["max_products_per_batch"], "limits.max_products_per_batch")
        maxAPICallsPerDay = try ResultField.int(limits?["max_api_calls_per_day"], "limits.max_api_calls_per_day")
        requestsPerMinute = try ResultField.int(limits?["requests_per_minute"], "limits.requests_per_minute")
        requestsPerHour = try ResultField.int(limits?["requests_per_hour"], "limits.requests_per_hour")
    }

    /// Whether the plan's feature flag `name` is `true`.
    public func allows(_ name: String) -> Bool { features[name] == .bool(true) }
}
