import BillingProtocol

/// One call per remaining contract method, with Swift-typed params; each returns the method's
/// result object as the catalog documents it. (The busiest calls have typed results too, in
/// `BillingClient+Methods.swift`.)
extension BillingClient {
    // MARK: system

    public func methods() async throws -> JSONValue { try await call("system.methods") }
    public func stats() async throws -> JSONValue { try await call("system.stats") }
    public func migrations() async throws -> JSONValue { try await call("system.migrations") }
    public func verify() async throws -> JSONValue { try await call("system.verify") }
    public func backup(to path: String) async throws -> JSONValue { try await call("system.backup", ["path": .string(path)]) }
    public func clock() async throws -> JSONValue { try await call("system.clock") }
    public func advanceClock(milliseconds: Int64) async throws -> JSONValue { try await call("system.clock.advance", ["ms": .int(milliseconds)]) }
    public func setClock(_ now: Timestamp) async throws -> JSONValue { try await call("system.clock.set", ["now": .string(now.rfc3339)]) }

    // MARK: plans

    public func plans(includeInactive: Bool = false) async throws -> JSONValue {
        try await call("plans.list", ["include_inactive": .bool(includeInactive)])
    }

    public func plan(_ planID: String) async throws -> JSONValue { try await call("plans.get", ["plan_id": .string(planID)]) }

    /// `fields` are the plan's other columns (`credits_per_period`, `requests_per_minute`, ...).
    public func upsertPlan(id: String, name: String, price: Money, fields: JSONObject = [:], idempotencyKey: String? = nil) async throws -> JSONValue {
        var params = fields
        params["id"] = .string(id)
        params["name"] = .string(name)
        params["price"] = .string(price.description)
        params["idempotency_key"] = idempotencyKey.map { .string($0) }
        return try await call("plans.upsert", params)
    }

    // MARK: subscriptions

    public func subscription(_ subscriptionID: String) async throws -> JSONValue {
        try await call("subscriptions.get", ["subscription_id": .string(subscriptionID)])
    }

    public func currentSubscription(userID: String) async throws -> JSONValue {
        try await call("subscriptions.current", ["user_id": .string(userID)])
    }

    public func subscriptions(userID: String? = nil, status: String? = nil, limit: Int64? = nil, cursor: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.list", Self.page(["user_id": userID.map { .string($0) } ?? .null, "status": status.map { .string($0) } ?? .null], limit, cursor))
    }

    public func cancelSubscription(_ subscriptionID: String, atPeriodEnd: Bool = true, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.cancel", Self.keyed(["subscription_id": .string(subscriptionID), "at_period_end": .bool(atPeriodEnd)], idempotencyKey))
    }

    public func pauseSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.pause", Self.keyed(["subscription_id": .string(subscriptionID)], idempotencyKey))
    }

    public func resumeSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.resume", Self.keyed(["subscription_id": .string(subscriptionID)], idempotencyKey))
    }

    public func changePlan(_ subscriptionID: String, to planID: String, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.change_plan", Self.keyed(["subscription_id": .string(subscriptionID), "plan_id": .string(planID)], idempotencyKey))
    }

    public func renewSubscription(_ subscriptionID: String, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("subscriptions.renew", Self.keyed(["subscription_id": .string(subscriptionID)], idempotencyKey))
    }

    // MARK: credits

    public func ledger(userID: String, limit: Int64? = nil, cursor: String? = nil) async throws -> JSONValue {
        try await call("credits.ledger", Self.page(["user_id": .string(userID)], limit, cursor))
    }

    // MARK: payments

    /// `fields` are the optional members (`lemon_squeezy_order_id`, `credits_awarded`, `plan_id`, ...).
    public func recordPayment(userID: String, amount: Money, currency: String, status: String, fields: JSONObject = [:],
                              idempotencyKey: String? = nil) async throws -> JSONValue {
        var params = fields
        params["user_id"] = .string(userID)
        params["amount"] = .string(amount.description)
        params["currency"] = .string(currency)
        params["status"] = .string(status)
        return try await call("payments.record", Self.keyed(params, idempotencyKey))
    }

    public func updatePaymentStatus(_ paymentID: String, to status: String, idempotencyKey: String? = nil) async throws -> JSONValue {
        try await call("payments.update_status", Self.keyed(["payment_id": .string(paymentID), "status": .string(status)], idempotencyKey))
    }

    public func payment(_ paymentID: String) async throws -> JSONValue { try await call("payments.get", ["payment_id": .string(paymentID)]) }

    public func payments(userID: String? = nil, status: String? = nil, limit: Int64? = nil, cursor: String? = nil) async throws -> JSONValue {
        try await call("payments.list", Self.page(["user_id": userID.map { .string($0) } ?? .null, "status": status.map { .string($0) } ?? .null], limit, cursor))
    }

    // MARK: usage

    public func usage(userID: String, from: Timestamp? = nil, to: Timestamp? = nil, limit: Int64? = nil, cursor: String? = nil) async throws -> JSONValue {
        try await call("usage.list", Self.page(["user_id": .string(userID), "from": from.map { .string($0.rfc3339) } ?? .null, "to": to.map { .string($0.rfc3339) } ?? .null],
                                               limit, cursor))
    }

    public func usageSummary(userID: String? = nil, from: Timestamp, to: Timestamp, groupBy: String) async throws -> JSONValue {
        try await call("usage.summary", ["user_id": userID.map { .string($0) } ?? .null, "from": .string(from.rfc3339), "to": .string(to.rfc3339),
                                         "group_by": .string(groupBy)])
    }

    // MARK: webhooks and packs

    public func lemonSqueezyWebhook(payload: String, signature: String) async throws -> JSONValue {
        try await call("webhooks.lemonsqueezy", ["payload": .string(payload), "signature": .string(signature)])
    }

    public func upsertPack(variantID: String, credits: Int64, name: String? = nil) async throws -> JSONValue {
        try await call("packs.upsert", ["variant_id": .string(variantID), "credits": .int(credits), "name": name.map { .string($0) } ?? .null])
    }

    public func packs() async throws -> JSONValue { try await call("packs.list") }

    private static func keyed(_ params: JSONObject, _ key: String?) -> JSONObject {
        var params = params
        params["idempotency_key"] = key.map { .string($0) }
        return params
    }

    private static func page(_ params: JSONObject, _ limit: Int64?, _ cursor: String?) -> JSONObject {
        var params = params
        params["limit"] = limit.map { .int($0) }
        params["cursor"] = cursor.map { .string($0) }
        return params
    }
}
