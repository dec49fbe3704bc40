import BillingProtocol

/// Typed calls for the methods a product backend uses most; every other method is one
/// `call(_:_:)` away. Results decode the members documented in the catalog.
extension BillingClient {
    public func consume(userID: String, amount: Int64, idempotencyKey: String? = nil, checkRateLimit: Bool = false,
                        dryRun: Bool = false, usage: UsageFields = UsageFields()) async throws -> Consumption {
        var params = usage.json
        params["user_id"] = .string(userID)
        params["amount"] = .int(amount)
        if let idempotencyKey { params["idempotency_key"] = .string(idempotencyKey) }
        if checkRateLimit { params["check_rate_limit"] = true }
        if dryRun { params["dry_run"] = true }
        return try Consumption(try await call("credits.consume", params))
    }

    public func credits(userID: String) async throws -> CreditBalance {
        try CreditBalance(try await call("credits.get", ["user_id": .string(userID)]))
    }

    public func grant(userID: String, amount: Int64, source: String = "purchase", expiresAt: Timestamp? = nil,
                      idempotencyKey: String? = nil) async throws -> CreditBalance {
        var params: JSONObject = ["user_id": .string(userID), "amount": .int(amount), "source": .string(source)]
        if let expiresAt { params["expires_at"] = .string(expiresAt.rfc3339) }
        if let idempotencyKey { params["idempotency_key"] = .string(idempotencyKey) }
        return try CreditBalance(try await call("credits.grant", params))
    }

    public func reserve(userID: String, amount: Int64, ttlMilliseconds: Int64? = nil, idempotencyKey: String? = nil) async throws -> Reservation {
        var params: JSONObject = ["user_id": .string(userID), "amount": .int(amount)]
        if let ttlMilliseconds { params["ttl_ms"] = .int(ttlMilliseconds) }
        if let idempotencyKey { params["idempotency_key"] = .string(idempotencyKey) }
        return try Reservation(try await call("credits.reserve", params))
    }

    /// Spends `amount` of a reservation (all of it when nil) and gives back the rest.
    public func commit(reservationID: String, amount: Int64? = nil, usage: UsageFields = UsageFields(),
                       idempotencyKey: String? = nil) async throws -> Consumption {
        var params = usage.json
        params["reservation_id"] = .string(reservationID)
        if let amount { params["amount"] = .int(amount) }
        if let idempotencyKey { params["idempotency_key"] = .string(idempotencyKey) }
        return try Consumption(try await call("credits.commit", params))
    }

    public func release(reservationID: String) async throws {
        _ = try await call("credits.release", ["reservation_id": .string(reservationID)])
    }

    /// Starts a subscription; returns its id.
    public func createSubscription(userID: String, planID: String, trialDays: Int64 = 0, idempotencyKey: String? = nil) async throws -> String {
        var params: JSONObject = ["user_id": .string(userID), "plan_id": .string(planID), "trial_days": .int(trialDays)]
        if let idempotencyKey { params["idempotency_key"] = .string(idempotencyKey) }
        let result = try await call("subscriptions.create", params)
        return try ResultField.string(result["subscription"]?["id"], "subscription.id")
    }

    public func checkRateLimit(userID: String, cost: Int64 = 1) async throws -> RateLimitDecision {
        try RateLimitDecision(try await call("ratelimit.check", ["user_id": .string(userID), "cost": .int(cost)]))
    }

    /// What the user's live plan allows (the free plan when there is none).
    public func entitlements(userID: String) async throws -> Entitlements {
        try Entitlements(try await call("entitlements.get", ["user_id": .string(userID)]))
    }
}
