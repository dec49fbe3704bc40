import BillingCore
import BillingProtocol
import Testing

@Suite struct PaymentsAndUsageTests {
    @Test func completedPaymentGrantsExactlyOnce() throws {
        let h = try Harness()
        let params: JSONObject = ["user_id": "u", "amount": "9.99", "currency": "USD", "status": "completed", "credits_awarded": 100,
                                  "lemon_squeezy_order_id": "ord-1", "plan_id": "basic"]
        let payment = try h.call("payments.record", params)
        #expect(payment["amount"] == "9.99" && payment["status"] == "completed")
        #expect(try h.call("payments.record", params) == payment)
        #expect(try h.balance("u") == 100)
        var changed = params
        changed["amount"] = "19.99"
        let conflict = h.failure("payments.record", changed)
        #expect(conflict?.code == .idempotencyConflict && conflict?.details["field"] == "amount")
        #expect(try h.call("payments.get", ["payment_id": payment["id"]!]) == payment)
        h.expectError("invalid_params", "payments.record", ["user_id": "u", "amount": "1.001", "currency": "USD", "status": "pending"])
        h.expectError("invalid_params", "payments.record", ["user_id": "u", "amount": 1, "currency": "usd", "status": "pending"])
        h.expectError("not_found", "payments.record", ["user_id": "u", "amount": 1, "currency": "USD", "status": "pending", "plan_id": "gold"])
        h.expectError("not_found", "payments.get", ["payment_id": "nope"])
        try h.verify()
    }

    @Test func statusTransitionsGrantAndRefundTakesBackWhatIsLeft() throws {
        let h = try Harness()
        try h.call("payments.record", ["user_id": "u", "amount": .number("29.99"), "currency": "USD", "status": "pending", "credits_awarded": 50,
                                       "payment_id": "p1"])
        h.expectError("not_found", "credits.get", ["user_id": "u"])
        #expect(try h.call("payments.update_status", ["payment_id": "p1", "status": "completed"])["status"] == "completed")
        #expect(try h.balance("u") == 50)
        h.expectError("invalid_state", "payments.update_status", ["payment_id": "p1", "status": "completed"])
        h.expectError("invalid_state", "payments.update_status", ["payment_id": "p1", "status": "failed"])
        try h.call("credits.grant", ["user_id": "u", "amount": 7])
        try h.call("credits.consume", ["user_id": "u", "amount": 20])
        try h.call("payments.update_status", ["payment_id": "p1", "status": "refunded"])
        let view = try h.credits("u")
        // Consumption took the payment's never-expiring credits first (by grant order): 30 of them remained and are revoked.
        #expect(view["total_credits_revoked"] == 30 && view["current_credits"] == 7)
        h.expectError("invalid_state", "payments.update_status", ["payment_id": "p1", "status": "completed"])
        try h.call("payments.record", ["user_id": "u", "amount": 5, "currency": "USD", "status": "pending", "payment_id": "p2"])
        try h.call("payments.update_status", ["payment_id": "p2", "status": "failed"])
        h.expectError("invalid_state", "payments.update_status", ["payment_id": "p2", "status": "completed"])
        h.expectError("already_exists", "payments.record", ["user_id": "u", "amount": 5, "currency": "USD", "status": "pending", "payment_id": "p2"])
        #expect(try h.call("payments.list", ["user_id": "u", "status": "failed"])["payments"]!.arrayValue!.map { $0["id"]! } == ["p2"])
        try h.verify()
    }

    @Test func aRefundAlsoTakesBackCreditsThatReservationsHold() throws {
        let h = try Harness()
        try h.call("payments.record", ["user_id": "u", "amount": "1.00", "currency": "USD", "status": "completed", "payment_id": "p",
                                       "credits_awarded": 10])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-06-01T00:00:00Z"])
        // Soonest-expiring first: the 5 granted, then 3 of the payment's 10.
        let big = try h.call("credits.reserve", ["user_id": "u", "amount": 8])["reservation_id"]!
        let small = try h.call("credits.reserve", ["user_id": "u", "amount": 2])["reservation_id"]!
        try h.call("payments.update_status", ["payment_id": "p", "status": "refunded"])
        let view = try h.credits("u")
        #expect(view["total_credits_revoked"] == 10 && view["reserved_credits"] == 5 && view["current_credits"] == 0)
        // The reservation that held only refunded credits holds nothing now; the other holds 5.
        h.expectError("invalid_state", "credits.commit", ["reservation_id": small])
        h.expectError("invalid_params", "credits.commit", ["reservation_id": big, "amount": 6])
        #expect(try h.call("credits.release", ["reservation_id": big])["current_credits"] == 5)
        try h.verify()
    }

    @Test func usageSummaryGroupsWithExactSums() throws {
        let h = try Harness()
        // No per-batch product cap for this test's plan-less user (the seeded free plan allows 1).
        try h.call("plans.upsert", ["id": "free", "name": "Free", "price": "0", "max_products_per_batch": 0])
        try h.call("credits.grant", ["user_id": "u", "amount": 100])
        try h.call("credits.consume", ["user_id": "u", "amount": 1, "cost_usd": "0.000001", "response_time_ms": 100, "usage_type": "ai_generation", "language_code": "en"])
        try h.call("credits.consume", ["user_id": "u", "amount": 2, "cost_usd": .number("0.1"), "response_time_ms": 201, "usage_type": "batch", "product_count": 5, "tokens_used": 10])
        try h.advance(days: 1)
        try h.call("credits.consume", ["user_id": "u", "amount": 3, "cost_usd": "0.2", "usage_type": "batch", "tokens_used": 7])
        let byDay = try h.call("usage.summary", ["user_id": "u", "from": "2026-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z", "group_by": "day"])
        #expect(byDay == ["rows": [
            ["key": "2026-01-01", "requests": 2, "credits_used": 3, "product_count": 6, "tokens_used": 10, "cost_usd": "0.100001", "avg_response_time_ms": 150],
            ["key": "2026-01-02", "requests": 1, "credits_used": 3, "product_count": 1, "tokens_used": 7, "cost_usd": "0.200000", "avg_response_time_ms": nil],
        ]])
        let byType = try h.call("usage.summary", ["from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "group_by": "usage_type"])
        #expect(byType["rows"]!.arrayValue!.map { $0["key"]! } == ["ai_generation", "batch"])
        let byLanguage = try h.call("usage.summary", ["user_id": "u", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "group_by": "language_code"])
        #expect(byLanguage["rows"]!.arrayValue!.map { $0["key"]! } == [nil, "en"])
        h.expectError("invalid_params", "usage.summary", ["from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "group_by": "week"])
        h.expectError("invalid_params", "usage.summary", ["from": "2026-01-01", "to": "2026-01-02T00:00:00Z", "group_by": "day"])
        let window = try h.call("usage.list", ["user_id": "u", "from": "2026-01-02T00:00:00Z"])
        #expect(window["usage"]!.arrayValue!.count == 1)
        let paged = try h.call("usage.list", ["user_id": "u", "limit": 2])
        #expect(paged["usage"]!.arrayValue!.map { $0["credits_used"]! } == [3, 2])
        let rest = try h.call("usage.list", ["user_id": "u", "limit": 2, "cursor": paged["next_cursor"]!])
        #expect(rest["usage"]!.arrayValue!.map { $0["credits_used"]! } == [1] && rest["next_cursor"] == .null)
    }

    @Test func rateLimitWindowsAreExactAtTheEdges() throws {
        let h = try Harness()
        // Start 1 ms before a minute boundary: 00:00:59.999.
        try h.advance(ms: 59_999)
        for _ in 0..<5 { #expect(try h.call("ratelimit.check", ["user_id": "u"])["allowed"] == true) }
        let denied = try h.call("ratelimit.check", ["user_id": "u"])
        #expect(denied["allowed"] == false && denied["retry_after_ms"] == 1)
        #expect(denied["limits"]?["minute"] == ["limit": 5, "remaining": 0, "reset_ms": 1])
        try h.advance(ms: 1)
        let next = try h.call("ratelimit.check", ["user_id": "u", "cost": 2])
        #expect(next["allowed"] == true && next["limits"]?["minute"]?["remaining"] == 3 && next["limits"]?["hour"]?["remaining"] == 43)
        // Denials take no token.
        #expect(try h.call("ratelimit.check", ["user_id": "u", "cost": 4])["allowed"] == false)
        #expect(try h.call("ratelimit.check", ["user_id": "u", "cost": 3])["allowed"] == true)
    }
}
