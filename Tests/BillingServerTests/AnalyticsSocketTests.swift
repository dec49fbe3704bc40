import BillingClient
import BillingProtocol
import BillingTesting
import Testing

/// Issue 14's analytics methods through the real socket, on `AnalyticsSeed`'s known business:
/// every number is worked out by hand from the seed, or cross-checked against the balances.
@Suite(.serialized) struct AnalyticsSocketTests {
    static let range: JSONObject = ["from": "2026-01-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"]

    func call(_ c: SocketConnection, _ method: String, _ extra: JSONObject = [:]) throws -> JSONValue {
        var params = Self.range
        for member in extra { params[member.key] = member.value }
        return try c.call(method, params)
    }

    /// Totals past 2^63−1 (the largest payments and costs, twice) are answered exactly, never
    /// as an error: the analytics add in 128 bits like `usage.summary`.
    @Test func totalsPastSixtyFourBitsAreExact() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        for user in ["w1", "w2"] {
            try c.call("payments.record", ["user_id": .string(user), "amount": "92233720368547758.07", "currency": "USD", "status": "completed"])
            try c.call("credits.grant", ["user_id": .string(user), "amount": 5])
            try c.call("credits.consume", ["user_id": .string(user), "amount": 1, "cost_usd": "9223372036854.775807",
                                           "tokens_used": .int(Int64.max)])
        }
        let range: JSONObject = ["from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"]
        let revenue = try c.call("analytics.revenue", range)
        #expect(revenue["periods"]?.arrayValue?.first?["gross"] == "184467440737095516.14")
        #expect(revenue["by_plan"]?.arrayValue?.first?["net"] == "184467440737095516.14")
        var usage = range
        usage["group_by"] = "usage_type"
        let row = try c.call("analytics.usage", usage)["rows"]?.arrayValue?.first
        #expect(row?["cost_usd"] == "18446744073709.551614" && row?["tokens_used"] == .number("18446744073709551614"))
        try await daemon.stop()
    }

    @Test func revenueAndMRRAreExact() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try AnalyticsSeed.seed(c)
        let revenue = try call(c, "analytics.revenue")
        #expect(revenue["periods"] == [
            ["period": "2026-01", "currency": "USD", "payments": 4, "gross": "164.98", "refunded": "5.00", "net": "159.98"],
            ["period": "2026-02", "currency": "USD", "payments": 1, "gross": "9.99", "refunded": "0.00", "net": "9.99"],
        ])
        #expect(revenue["by_plan"] == [
            ["plan_id": "annual", "currency": "USD", "payments": 1, "net": "120.00"],
            ["plan_id": "pro", "currency": "USD", "payments": 1, "net": "29.99"],
            ["plan_id": "basic", "currency": "USD", "payments": 2, "net": "19.98"],
            ["plan_id": .null, "currency": "USD", "payments": 1, "net": "0.00"],
        ])
        // January's end: u1 and u4 (trial over) on basic, u2 on pro, u3's year as 10.00 a month.
        // February's end: u2 has ended.
        #expect(revenue["mrr"] == [
            ["period": "2026-01", "plan_id": "annual", "currency": "USD", "subscriptions": 1, "mrr": "10.00"],
            ["period": "2026-01", "plan_id": "basic", "currency": "USD", "subscriptions": 2, "mrr": "19.98"],
            ["period": "2026-01", "plan_id": "pro", "currency": "USD", "subscriptions": 1, "mrr": "29.99"],
            ["period": "2026-02", "plan_id": "annual", "currency": "USD", "subscriptions": 1, "mrr": "10.00"],
            ["period": "2026-02", "plan_id": "basic", "currency": "USD", "subscriptions": 2, "mrr": "19.98"],
        ])
        // By day: u4 is still in its trial on January 14, so basic has one subscription then.
        let daily = try call(c, "analytics.revenue", ["group_by": "day", "to": "2026-01-16T00:00:00Z"])
        let jan14 = daily["mrr"]?.arrayValue?.filter { $0["period"] == "2026-01-14" && $0["plan_id"] == "basic" }
        #expect(jan14?.first?["subscriptions"] == 1)
        let jan15 = daily["mrr"]?.arrayValue?.filter { $0["period"] == "2026-01-15" && $0["plan_id"] == "basic" }
        #expect(jan15?.first?["subscriptions"] == 2)
        try await daemon.stop()
    }

    @Test func subscriptionsCreditsUsageAndTopUsers() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try AnalyticsSeed.seed(c)
        let writesBefore = try c.call("system.stats")["write_requests"]

        let subscriptions = try call(c, "analytics.subscriptions")
        #expect(subscriptions["periods"] == [
            ["period": "2026-01", "plan_id": "annual", "new": 1, "cancelled": 0, "churned": 0],
            ["period": "2026-01", "plan_id": "basic", "new": 2, "cancelled": 0, "churned": 0],
            ["period": "2026-01", "plan_id": "pro", "new": 1, "cancelled": 1, "churned": 0],
            ["period": "2026-02", "plan_id": "pro", "new": 0, "cancelled": 0, "churned": 1],
        ])
        let statuses = subscriptions["by_status"]?.arrayValue ?? []
        #expect(statuses.contains(["plan_id": "pro", "status": "cancelled", "subscriptions": 1]))
        #expect(statuses.compactMap { $0["subscriptions"]?.int64Value }.reduce(0, +) == 4)

        // Credits: every flow agrees with the users' balances, and the hand-counted ones are exact.
        let credits = try call(c, "analytics.credits")
        let periods = credits["periods"]?.arrayValue ?? []
        func total(_ key: String) -> Int64 { periods.compactMap { $0[key]?.int64Value }.reduce(0, +) }
        var purchased: Int64 = 0, used: Int64 = 0, expired: Int64 = 0, revoked: Int64 = 0
        for user in ["u1", "u2", "u3", "u4", "u9"] {
            let balance = try c.call("credits.get", ["user_id": .string(user)])
            purchased += balance["total_credits_purchased"]?.int64Value ?? 0
            used += balance["total_credits_used"]?.int64Value ?? 0
            expired += balance["total_credits_expired"]?.int64Value ?? 0
            revoked += balance["total_credits_revoked"]?.int64Value ?? 0
        }
        #expect(total("granted") == purchased && total("used") == used && total("expired") == expired && total("revoked") == revoked)
        #expect(periods.first?["period"] == "2026-01" && periods.first?["used"] == 25)
        #expect(periods.count == 2 && periods.last?["used"] == 2)
        // January: u9's 50 promo credits; February 1: the leftover period credits of u1 (90), u2 (985) and u4 (100).
        #expect(periods.map { $0["expired"] } == [50, 1175])
        #expect(periods.map { $0["granted"] } == [2470, 0])

        let usage = try call(c, "analytics.usage", ["group_by": "usage_type", "to": "2026-02-01T00:00:00Z"])
        #expect(usage["rows"] == [
            ["key": "ai_generation", "requests": 10, "credits_used": 10, "tokens_used": 1000, "cost_usd": "0.010000",
             "response_time_ms": ["count": 10, "p50": 500, "p90": 900, "p95": 1000, "p99": 1000, "max": 1000]],
            ["key": "bulk", "requests": 5, "credits_used": 15, "tokens_used": 0, "cost_usd": "0.050000",
             "response_time_ms": ["count": 5, "p50": 50, "p90": 50, "p95": 50, "p99": 50, "max": 50]],
        ])
        let models = try call(c, "analytics.usage", ["group_by": "model", "user_id": "u1"])
        #expect(models["rows"]?.arrayValue?.map { $0["key"] } == ["model-a"])
        let modelA = models["rows"]?.arrayValue?.first
        #expect(modelA?["requests"] == 12 && modelA?["response_time_ms"]?["p50"] == 400)

        let byCredits = try call(c, "analytics.top_users")["users"]
        #expect(byCredits == [["user_id": "u2", "requests": 5, "credits_used": 15, "cost_usd": "0.050000"],
                              ["user_id": "u1", "requests": 12, "credits_used": 12, "cost_usd": "0.012000"]])
        let byCost = try call(c, "analytics.top_users", ["by": "cost_usd", "limit": 1])["users"]
        #expect(byCost?.arrayValue?.map { $0["user_id"] } == ["u2"])

        // Bad ranges are typed errors; reports never went through the writer.
        #expect(throws: RPCError.self) { try call(c, "analytics.revenue", ["to": "2026-01-01T00:00:00Z"]) }
        #expect(throws: RPCError.self) { try call(c, "analytics.credits", ["group_by": "day", "to": "2040-01-01T00:00:00Z"]) }
        #expect(throws: RPCError.self) { try call(c, "analytics.usage", ["group_by": "day"]) }
        #expect(try c.call("system.stats")["write_requests"] == writesBefore)
        try await daemon.stop()
    }

    @Test func webhookOutcomesPerPeriod() async throws {
        let shop = try await LemonSqueezyWebhookSocketTests.Shop.open()
        let created = LemonSqueezyFixtures.Subscription().payload("subscription_created")
        _ = try shop.deliver(created)
        _ = try shop.deliver(created)
        _ = try shop.deliver(LemonSqueezyFixtures.Subscription(id: "1002", user: nil).payload("subscription_created"))
        let rows = try shop.c.call("analytics.webhooks", ["from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z", "group_by": "week"])["rows"]
        #expect(rows == [
            ["period": "2025-12-29", "event_name": "subscription_created", "outcome": "applied", "deliveries": 1],
            ["period": "2025-12-29", "event_name": "subscription_created", "outcome": "duplicate", "deliveries": 1],
            ["period": "2025-12-29", "event_name": "subscription_created", "outcome": "unknown_user", "deliveries": 1],
        ])
        try await shop.close()
    }
}
