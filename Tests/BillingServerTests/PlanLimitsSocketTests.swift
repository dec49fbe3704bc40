import BillingClient
import BillingProtocol
import BillingTesting
import Testing

/// Issue 15: the plan limits that used to be stored but never enforced — the daily API cap
/// (a third rate window), products per batch (1011) and `entitlements.get` — through the socket.
@Suite(.serialized) struct PlanLimitsSocketTests {
    func expectRefused(_ type: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> JSONValue) -> RPCError? {
        do {
            let result = try body()
            Issue.record("expected \(type), got \(result.serialized())", sourceLocation: sourceLocation)
        } catch let error as RPCError {
            #expect(error.code.type == type, "\(error.message)", sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The free plan's 10 calls a day: exact at the UTC day's edge, a denial takes no token,
    /// and `check_rate_limit` consumes are refused by the day window with nothing spent.
    @Test func theDailyCapIsAThirdWindowExactAtTheDaysEdge() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("credits.grant", ["user_id": "d", "amount": 100])
        try c.call("system.clock.set", ["now": "2026-01-01T23:50:00Z"])
        for i in 0..<10 {
            if i == 5 { try c.call("system.clock.advance", ["ms": 60_000]) }
            let check = try c.call("ratelimit.check", ["user_id": "d"])
            #expect(check["allowed"] == true && check["limits"]?["day"]?["remaining"] == .int(Int64(9 - i)))
        }
        try c.call("system.clock.advance", ["ms": 60_000])
        let denied = try c.call("ratelimit.check", ["user_id": "d"])
        // 23:52:00 -> midnight is 8 minutes; the minute window is fresh and untouched by the denial.
        #expect(denied["allowed"] == false && denied["retry_after_ms"] == .int(8 * 60_000))
        #expect(denied["limits"]?["day"] == ["limit": 10, "remaining": 0, "reset_ms": .int(8 * 60_000)])
        #expect(denied["limits"]?["minute"]?["remaining"] == 5)
        let refused = expectRefused("rate_limited") {
            try c.call("credits.consume", ["user_id": "d", "amount": 1, "check_rate_limit": true])
        }
        #expect(refused?.details["retry_after_ms"] == .int(8 * 60_000))
        #expect(try c.call("credits.get", ["user_id": "d"])["current_credits"] == 100)
        #expect(try c.call("usage.list", ["user_id": "d"])["usage"] == [])
        // The last millisecond of the day is still the same day; the next one is a new day.
        try c.call("system.clock.set", ["now": "2026-01-01T23:59:59.999Z"])
        #expect(try c.call("ratelimit.check", ["user_id": "d"])["retry_after_ms"] == 1)
        try c.call("system.clock.advance", ["ms": 1])
        let fresh = try c.call("credits.consume", ["user_id": "d", "amount": 1, "check_rate_limit": true])
        #expect(fresh["current_credits"] == 99)
        #expect(try c.call("ratelimit.check", ["user_id": "d"])["limits"]?["day"]?["remaining"] == 8)
        try await daemon.stop()
    }

    /// Minute, hour and day together: a request passes only if every window has room, and a
    /// denial by any one takes nothing from the others. A plan without a daily cap has no `day`.
    @Test func theThreeWindowsAreAllOrNothing() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("plans.upsert", ["id": "tri", "name": "Tri", "price": "1.00", "requests_per_minute": 3,
                                    "requests_per_hour": 5, "max_api_calls_per_day": 6])
        try c.call("subscriptions.create", ["user_id": "t", "plan_id": "tri"])
        func check(_ cost: Int64) throws -> JSONValue { try c.call("ratelimit.check", ["user_id": "t", "cost": .int(cost)]) }
        var answer = try check(3)
        #expect(answer["allowed"] == true)
        answer = try check(1)  // minute full: denied, hour and day untouched
        #expect(answer["allowed"] == false && answer["limits"]?["hour"]?["remaining"] == 2 && answer["limits"]?["day"]?["remaining"] == 3)
        try c.call("system.clock.advance", ["ms": 60_000])
        answer = try check(3)  // minute has 3, hour only 2: denied by the hour, nothing taken
        #expect(answer["allowed"] == false && answer["limits"]?["minute"]?["remaining"] == 3)
        #expect(answer["retry_after_ms"] == .int(3_600_000 - 60_000))
        #expect(try check(2)["allowed"] == true)
        try c.call("system.clock.advance", ["ms": 3_600_000])
        answer = try check(2)  // new hour and minute; the day has 1 left: denied by the day, until midnight
        #expect(answer["allowed"] == false && answer["limits"]?["day"]?["remaining"] == 1)
        #expect(answer["retry_after_ms"] == .int(86_400_000 - 3_660_000))
        #expect(answer["limits"]?["minute"]?["remaining"] == 3 && answer["limits"]?["hour"]?["remaining"] == 5)
        #expect(try check(1)["allowed"] == true)
        // No daily cap (0): `day` is absent and never denies.
        try c.call("plans.upsert", ["id": "tri", "name": "Tri", "price": "1.00", "max_api_calls_per_day": 0])
        answer = try check(1)
        #expect(answer["allowed"] == true && answer["limits"]?["day"] == nil)
        try await daemon.stop()
    }

    /// More products than `max_products_per_batch` in consume, dry-run, reserve or commit is 1011
    /// and leaves the books untouched: no credits, no rate-limit token, no usage row.
    @Test func productsPerBatchAbovePlanLimitIs1011AndChangesNothing() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("subscriptions.create", ["user_id": "f", "plan_id": "free"])  // 10 credits, 1 product per batch
        for dryRun in [false, true] {
            let error = expectRefused("plan_limit_exceeded") {
                try c.call("credits.consume", ["user_id": "f", "amount": 1, "product_count": 2, "check_rate_limit": true,
                                               "dry_run": .bool(dryRun)])
            }
            #expect(error?.code.code == 1011)
            #expect(error?.details["limit"] == 1 && error?.details["requested"] == 2 && error?.details["field"] == "product_count")
        }
        _ = expectRefused("plan_limit_exceeded") { try c.call("credits.reserve", ["user_id": "f", "amount": 1, "product_count": 2]) }
        let hold = try c.call("credits.reserve", ["user_id": "f", "amount": 2])
        _ = expectRefused("plan_limit_exceeded") {
            try c.call("credits.commit", ["reservation_id": hold["reservation_id"]!, "product_count": 3])
        }
        var view = try c.call("credits.get", ["user_id": "f"])
        #expect(view["current_credits"] == 8 && view["reserved_credits"] == 2 && view["total_credits_used"] == 0)
        #expect(try c.call("usage.list", ["user_id": "f"])["usage"] == [])
        #expect(try c.call("ratelimit.check", ["user_id": "f"])["limits"]?["minute"]?["remaining"] == 4)
        // Within the limit everything works, and a plan change applies at once.
        try c.call("credits.commit", ["reservation_id": hold["reservation_id"]!, "product_count": 1])
        let subscription = try c.call("subscriptions.current", ["user_id": "f"])["id"]!
        try c.call("subscriptions.change_plan", ["subscription_id": subscription, "plan_id": "basic"])
        #expect(try c.call("credits.consume", ["user_id": "f", "amount": 1, "product_count": 10])["credits_used"] == 1)
        _ = expectRefused("plan_limit_exceeded") { try c.call("credits.consume", ["user_id": "f", "amount": 1, "product_count": 11]) }
        view = try c.call("credits.get", ["user_id": "f"])
        #expect(view["total_credits_used"] == 3)
        let verify = try c.call("system.verify")
        #expect(verify["ok"] == true)
        try await daemon.stop()
    }

    /// `entitlements.get`: the free plan for a user without a subscription (`status: "none"`),
    /// the live plan otherwise, `paused` while paused, and a plan change at once.
    @Test func entitlementsFollowTheLivePlan() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        var e = try c.call("entitlements.get", ["user_id": "e"])
        #expect(e["plan_id"] == "free" && e["status"] == "none" && e["subscription_id"] == .null)
        #expect(e["features"] == ["ai_generation": true, "csv_upload": true])
        #expect(e["limits"] == ["credits_per_period": 10, "max_products_per_batch": 1, "max_api_calls_per_day": 10,
                                "requests_per_minute": 5, "requests_per_hour": 50])
        let id = try c.call("subscriptions.create", ["user_id": "e", "plan_id": "basic"])["subscription"]!["id"]!
        e = try c.call("entitlements.get", ["user_id": "e"])
        #expect(e["plan_id"] == "basic" && e["status"] == "active" && e["subscription_id"] == id)
        #expect(e["features"]?["custom_templates"] == nil && e["limits"]?["max_products_per_batch"] == 10)
        try c.call("subscriptions.pause", ["subscription_id": id])
        #expect(try c.call("entitlements.get", ["user_id": "e"])["status"] == "paused")
        try c.call("subscriptions.resume", ["subscription_id": id])
        try c.call("subscriptions.change_plan", ["subscription_id": id, "plan_id": "pro"])
        e = try c.call("entitlements.get", ["user_id": "e"])
        #expect(e["plan_id"] == "pro" && e["features"]?["custom_templates"] == true && e["limits"]?["requests_per_minute"] == 50)
        #expect(try c.call("ratelimit.check", ["user_id": "e"])["limits"]?["day"]?["limit"] == 1000)
        // The typed Swift call reads the same answer.
        let client = BillingClient(socketPath: daemon.socketPath)
        let typed = try await client.entitlements(userID: "e")
        #expect(typed.planID == "pro" && typed.allows("custom_templates") && typed.maxProductsPerBatch == 50)
        client.close()
        try await daemon.stop()
    }
}
