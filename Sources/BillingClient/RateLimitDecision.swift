import BillingProtocol

/// The answer of `ratelimit.check`.
public struct RateLimitDecision: Sendable, Equatable {
    public let allowed: Bool
    public let retryAfterMs: Int64
    public let minuteRemaining: Int64
    public let hourRemaining: Int64
    /// Nil when the plan has no daily cap (`max_api_calls_per_day` 0).
    public let dayRemaining: Int64?

    init(_ json: JSONValue) throws {
        guard let allowed = json["allowed"]?.boolValue else { throw RPCError(.internalError, "unexpected answer: 'allowed' is not a boolean") }
        self.allowed = allowed
        retryAfterMs = try ResultField.int(json["retry_after_ms"], "retry_after_ms")
        minuteRemaining = try ResultField.int(json["limits"]?["minute"]?["remaining"], "limits.minute.remaining")
        hourRemaining = try ResultField.int(json["limits"]?["hour"]?["remaining"], "limits.hour.remaining")
        dayRemaining = try json["limits"]?["day"].map { try ResultField.int($0["remaining"], "limits.day.remaining") }
    }
}
