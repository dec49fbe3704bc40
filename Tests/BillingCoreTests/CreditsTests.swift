import BillingCore
import BillingProtocol
import Testing

@Suite struct CreditsTests {
    @Test func consumeSpendsAndLogsOneUsageRowAtomically() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free"])
        let result = try h.call("credits.consume", ["user_id": "u", "amount": 3, "usage_type": "ai_generation", "cost_usd": "0.0015",
                                                    "product_count": 1, "tokens_used": 150, "response_time_ms": 2500, "category": "shoes"])
        #expect(result["credits_used"] == 3 && result["current_credits"] == 7)
        let usage = try h.call("usage.list", ["user_id": "u"])["usage"]!.arrayValue!
        #expect(usage.count == 1)
        #expect(usage[0]["usage_id"] == result["usage_id"] && usage[0]["cost_usd"] == "0.001500" && usage[0]["credits_used"] == 3)
        let ledger = try h.call("credits.ledger", ["user_id": "u"])["entries"]!.arrayValue!
        #expect(ledger.map { $0["kind"]!.stringValue! } == ["consume", "grant"])
        #expect(ledger[0]["delta"] == -3 && ledger[0]["balance_after"] == 7)
        #expect(ledger[0]["reference"]?.stringValue == "usage:\(result["usage_id"]!.stringValue!)")
        // Short: 1004 with the facts, and nothing written.
        let error = h.failure("credits.consume", ["user_id": "u", "amount": 8])
        #expect(error?.code == .insufficientCredits)
        #expect(error?.details["available"] == 7 && error?.details["requested"] == 8)
        #expect(try h.call("usage.list", ["user_id": "u"])["usage"]!.arrayValue!.count == 1)
        #expect(try h.balance("u") == 7)
        try h.verify()
    }

    @Test func spendsSoonestExpiringFirstAndNeverExpiringLast() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 5])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-03-01T00:00:00Z", "source": "promo"])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-02-01T00:00:00Z", "source": "promo"])
        try h.call("credits.consume", ["user_id": "u", "amount": 7])
        let grants = try h.credits("u")["grants"]!.arrayValue!
        #expect(grants.map { $0["remaining"]! } == [3, 5])
        #expect(grants.map { $0["expires_at"]! } == ["2026-03-01T00:00:00.000Z", .null])
    }

    @Test func expiredCreditsAreNeverCountedOrSpentEvenBeforeASweep() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 4])
        try h.call("credits.grant", ["user_id": "u", "amount": 6, "expires_at": "2026-01-02T00:00:00Z"])
        // Move the clock without running the scheduler.
        h.clock.set(Timestamp(rfc3339: "2026-01-03T00:00:00Z")!)
        let view = try h.credits("u")
        #expect(view["current_credits"] == 4 && view["total_credits_expired"] == 6)
        #expect(view["grants"]!.arrayValue!.count == 1)
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 5])
        try h.call("credits.consume", ["user_id": "u", "amount": 4])
        #expect(try h.balance("u") == 0)
        #expect(try h.credits("u")["total_credits_expired"] == 6)
        try h.verify()
    }

    @Test func idempotentRepeatsReturnTheFirstResultAndConflictsAre1003() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        let first = try h.call("credits.consume", ["user_id": "u", "amount": 2, "idempotency_key": "job-1"])
        let again = try h.call("credits.consume", ["user_id": "u", "amount": 2, "idempotency_key": "job-1"])
        #expect(first == again)
        #expect(try h.balance("u") == 8)
        let conflict = h.failure("credits.consume", ["user_id": "u", "amount": 3, "idempotency_key": "job-1"])
        #expect(conflict?.code == .idempotencyConflict)
        // A failed request leaves no key behind.
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 50, "idempotency_key": "job-2"])
        try h.call("credits.grant", ["user_id": "u", "amount": 50, "idempotency_key": "top-up"])
        try h.call("credits.grant", ["user_id": "u", "amount": 50, "idempotency_key": "top-up"])
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 50, "idempotency_key": "job-2"])["current_credits"] == 8)
        // Values are compared, not their spelling.
        let priced = try h.call("credits.consume", ["user_id": "u", "amount": 1, "cost_usd": .number("0.5"), "category": nil, "idempotency_key": "job-3"])
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 1, "cost_usd": "0.500", "idempotency_key": "job-3"]) == priced)
        try h.call("credits.grant", ["user_id": "u", "amount": 1])
        // Keys are per method.
        try h.call("credits.grant", ["user_id": "u", "amount": 1, "idempotency_key": "job-1"])
        #expect(try h.balance("u") == 9)
        try h.verify()
    }

    @Test func dryRunAnswersAsIfAndChangesNothing() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free"])
        let dry = try h.call("credits.consume", ["user_id": "u", "amount": 4, "dry_run": true, "check_rate_limit": true])
        #expect(dry["current_credits"] == 6 && dry["dry_run"] == true)
        #expect(try h.balance("u") == 10)
        #expect(try h.call("usage.list", ["user_id": "u"])["usage"]!.arrayValue!.isEmpty)
        #expect(try h.call("ratelimit.check", ["user_id": "u"])["limits"]?["minute"]?["remaining"] == 4)
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 11, "dry_run": true])
    }

    @Test func rateLimitAndCreditsAreAllOrNothing() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free"])
        // Short of credits: 1004 and no token taken.
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 99, "check_rate_limit": true])
        for _ in 0..<5 { try h.call("credits.consume", ["user_id": "u", "amount": 1, "check_rate_limit": true]) }
        let limited = h.failure("credits.consume", ["user_id": "u", "amount": 1, "check_rate_limit": true])
        #expect(limited?.code == .rateLimited)
        #expect(limited?.details["retry_after_ms"] == 60_000)
        #expect(try h.balance("u") == 5)
        h.expectError("rate_limited", "credits.reserve", ["user_id": "u", "amount": 1, "check_rate_limit": true])
        // Without the flag the consume is not limited.
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        try h.advance(ms: 60_000)
        try h.call("credits.consume", ["user_id": "u", "amount": 1, "check_rate_limit": true])
        #expect(try h.balance("u") == 3)
        try h.verify()
    }

    @Test func reservationsHoldCommitPartlyAndRelease() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        let r = try h.call("credits.reserve", ["user_id": "u", "amount": 6, "ttl_ms": 60_000])
        #expect(r["current_credits"] == 4)
        #expect(try h.credits("u")["reserved_credits"] == 6)
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "u", "amount": 5])
        let id = r["reservation_id"]!
        let committed = try h.call("credits.commit", ["reservation_id": id, "amount": 4, "category": "bags"])
        #expect(committed["credits_used"] == 4 && committed["released"] == 2 && committed["current_credits"] == 6)
        let view = try h.credits("u")
        #expect(view["reserved_credits"] == 0 && view["total_credits_used"] == 4)
        #expect(try h.call("usage.list", ["user_id": "u"])["usage"]!.arrayValue!.first?["category"] == "bags")
        h.expectError("invalid_state", "credits.commit", ["reservation_id": id])
        h.expectError("invalid_state", "credits.release", ["reservation_id": id])
        h.expectError("not_found", "credits.release", ["reservation_id": "res_nope"])
        let second = try h.call("credits.reserve", ["user_id": "u", "amount": 3])["reservation_id"]!
        h.expectError("invalid_params", "credits.commit", ["reservation_id": second, "amount": 4])
        #expect(try h.call("credits.release", ["reservation_id": second])["current_credits"] == 6)
        try h.verify()
    }

    @Test func anExpiredReservationStopsHoldingAtOnce() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        let id = try h.call("credits.reserve", ["user_id": "u", "amount": 8, "ttl_ms": 1000])["reservation_id"]!
        h.clock.set(Timestamp(rfc3339: "2026-01-01T00:00:01.000Z")!)
        let view = try h.credits("u")
        #expect(view["current_credits"] == 10 && view["reserved_credits"] == 0)
        h.expectError("invalid_state", "credits.commit", ["reservation_id": id])
        try h.call("credits.consume", ["user_id": "u", "amount": 10])
        try h.verify()
    }

    @Test func heldCreditsFromAnExpiringGrantCanStillBeCommitted() throws {
        let h = try Harness()
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-01-01T00:00:10Z"])
        let id = try h.call("credits.reserve", ["user_id": "u", "amount": 5, "ttl_ms": 60_000])["reservation_id"]!
        try h.advance(ms: 20_000)
        let committed = try h.call("credits.commit", ["reservation_id": id, "amount": 3])
        #expect(committed["credits_used"] == 3)
        // The 2 given back belong to a grant that has expired: they expire, never return.
        let view = try h.credits("u")
        #expect(view["current_credits"] == 0 && view["total_credits_expired"] == 2 && view["total_credits_used"] == 3)
        try h.verify()
    }

    @Test func userWithoutAccountIsNotFound() throws {
        let h = try Harness()
        h.expectError("not_found", "credits.get", ["user_id": "ghost"])
        h.expectError("not_found", "credits.ledger", ["user_id": "ghost"])
        h.expectError("insufficient_credits", "credits.consume", ["user_id": "ghost", "amount": 1])
        h.expectError("not_found", "credits.get", ["user_id": "ghost"])
    }

    @Test func ledgerPagesWithCursors() throws {
        let h = try Harness()
        for _ in 0..<7 { try h.call("credits.grant", ["user_id": "u", "amount": 1]) }
        var seen: [JSONValue] = []
        var cursor: JSONValue = .null
        repeat {
            var params: JSONObject = ["user_id": "u", "limit": 3]
            if cursor != .null { params["cursor"] = cursor }
            let page = try h.call("credits.ledger", params)
            seen += page["entries"]!.arrayValue!
            cursor = page["next_cursor"]!
        } while cursor != .null
        #expect(seen.map { $0["balance_after"]! } == [7, 6, 5, 4, 3, 2, 1])
        h.expectError("invalid_params", "credits.ledger", ["user_id": "u", "cursor": "zzz"])
    }
}
