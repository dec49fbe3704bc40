/// The answer of `ratelimit.check`: whether the request fits every window of the user's plan,
/// and each window's state after the check.
public struct RateLimitDecision: MethodResult, Equatable {
    /// One fixed window (minute, hour or UTC day).
    public struct Window: Sendable, Equatable {
        public let limit: Int64
        public let remaining: Int64
        public let resetMs: Int64

        public init(limit: Int64, remaining: Int64, resetMs: Int64) {
            self.limit = limit
            self.remaining = remaining
            self.resetMs = resetMs
        }

        init(wire json: JSONValue?, _ name: String) throws(RPCError) {
            limit = try WireField.int(json?["limit"], "\(name).limit")
            remaining = try WireField.int(json?["remaining"], "\(name).remaining")
            resetMs = try WireField.int(json?["reset_ms"], "\(name).reset_ms")
        }

        var wire: JSONValue { .object(["limit": .int(limit), "remaining": .int(remaining), "reset_ms": .int(resetMs)]) }
    }

    public let allowed: Bool
    public let retryAfterMs: Int64
    public let minute: Window
    public let hour: Window
    /// Nil when the plan has no daily cap (`max_api_calls_per_day` 0).
    public let day: Window?

    public init(allowed: Bool, retryAfterMs: Int64, minute: Window, hour: Window, day: Window?) {
        self.allowed = allowed
        self.retryAfterMs = retryAfterMs
        self.minute = minute
        self.hour = hour
        self.day = day
    }

    public static let fields: [(String, String)] = [
        ("allowed", "boolean"), ("retry_after_ms", "0 when allowed; else until every denying window has reset"),
        ("limits", "{minute: {limit, remaining, reset_ms}, hour: {…}, day: {…}}; day only when max_api_calls_per_day > 0"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        allowed = try WireField.bool(json["allowed"], "allowed")
        retryAfterMs = try WireField.int(json["retry_after_ms"], "retry_after_ms")
        minute = try Window(wire: json["limits"]?["minute"], "limits.minute")
        hour = try Window(wire: json["limits"]?["hour"], "limits.hour")
        day = try json["limits"]?["day"].map { (day) throws(RPCError) in try Window(wire: day, "limits.day") }
    }

    public var wire: JSONValue {
        var limits: JSONObject = ["minute": minute.wire, "hour": hour.wire]
        if let day { limits["day"] = day.wire }
        return .object(["allowed": .bool(allowed), "retry_after_ms": .int(retryAfterMs), "limits": .object(limits)])
    }
}
