/// `RateLimitDecision` on the wire: its members, and its JSON both ways.
extension RateLimitDecision: MethodResult {
    public static let fields: [(String, String)] = [
        ("allowed", "boolean"), ("retry_after_ms", "0 when allowed; else until every denying window has reset"),
        ("limits", "{minute: {limit, remaining, reset_ms}, hour: {…}, day: {…}}; day only when max_api_calls_per_day > 0"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        let allowed = try WireField.bool(json["allowed"], "allowed")
        let retryAfterMs = try WireField.int(json["retry_after_ms"], "retry_after_ms")
        let minute = try Window(wire: json["limits"]?["minute"], "limits.minute")
        let hour = try Window(wire: json["limits"]?["hour"], "limits.hour")
        let day = try json["limits"]?["day"].map { (day) throws(RPCError) in try Window(wire: day, "limits.day") }
        self.init(allowed: allowed, retryAfterMs: retryAfterMs, minute: minute, hour: hour, day: day)
    }

    public var wire: JSONValue {
        var limits: JSONObject = ["minute": minute.wire, "hour": hour.wire]
        if let day { limits["day"] = day.wire }
        return .object(["allowed": .bool(allowed), "retry_after_ms": .int(retryAfterMs), "limits": .object(limits)])
    }
}

extension RateLimitDecision.Window {
    init(wire json: JSONValue?, _ name: String) throws(RPCError) {
        self.init(limit: try WireField.int(json?["limit"], "\(name).limit"), remaining: try WireField.int(json?["remaining"], "\(name).remaining"),
                  resetMs: try WireField.int(json?["reset_ms"], "\(name).reset_ms"))
    }

    var wire: JSONValue { .object(["limit": .int(limit), "remaining": .int(remaining), "reset_ms": .int(resetMs)]) }
}
