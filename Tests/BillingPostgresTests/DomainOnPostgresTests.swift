import BillingCore
import BillingPostgres
import BillingProtocol
import BillingStore
import Crypto
import Foundation
import Testing

/// BillingCore, unchanged, on `PostgresDatabase`: each area's main path, with the books checked
/// by `system.verify` (which on PostgreSQL runs the same balance queries).
@Suite struct DomainOnPostgresTests {
    @Test func creditsGrantConsumeReserveCommitRelease() throws {
        let h = try PostgresHarness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        try h.call("credits.grant", ["user_id": "u", "amount": 5, "expires_at": "2026-02-01T00:00:00Z", "source": "promo"])
        let consumed = try h.call("credits.consume", ["user_id": "u", "amount": 7, "cost_usd": "0.0015", "tokens_used": 150])
        #expect(consumed["credits_used"] == 7 && consumed["current_credits"] == 8)
        // Soonest-expiring first: the promo's 5, then 2 of the never-expiring grant.
        let grants = try h.call("credits.get", ["user_id": "u"])["grants"]!.arrayValue!
        #expect(grants.map { $0["remaining"]! } == [8])
        let error = h.failure("credits.consume", ["user_id": "u", "amount": 9])
        #expect(error?.code == .insufficientCredits && error?.details["available"] == 8)
        let held = try h.call("credits.reserve", ["user_id": "u", "amount": 6])
        #expect(held["current_credits"] == 2)
        let committed = try h.call("credits.commit", ["reservation_id": held["reservation_id"]!, "amount": 4])
        #expect(committed["current_credits"] == 4)
        let other = try h.call("credits.reserve", ["user_id": "u", "amount": 3])["reservation_id"]!
        #expect(try h.call("credits.release", ["reservation_id": other])["current_credits"] == 4)
        let ledger = try h.call("credits.ledger", ["user_id": "u"])["entries"]!.arrayValue!
        #expect(ledger.first?["kind"] == "release")
        #expect(ledger.compactMap { $0["delta"]?.int64Value }.reduce(0, +) == 4, "\(ledger)")
        #expect(try h.call("usage.list", ["user_id": "u"])["usage"]!.arrayValue!.count == 2)
        try h.verify()
    }

    @Test func idempotentRepeatsReplayAndConflictsAre1003() throws {
        let h = try PostgresHarness()
        try h.call("credits.grant", ["user_id": "u", "amount": 10])
        let first = try h.call("credits.consume", ["user_id": "u", "amount": 2, "idempotency_key": "job-1"])
        #expect(try h.call("credits.consume", ["user_id": "u", "amount": 2, "idempotency_key": "job-1"]) == first)
        #expect(h.failure("credits.consume", ["user_id": "u", "amount": 3, "idempotency_key": "job-1"])?.code == .idempotencyConflict)
        #expect(h.failure("credits.consume", ["user_id": "u", "amount": 50, "idempotency_key": "job-2"])?.code == .insufficientCredits)
        #expect(try h.balance("u") == 8)
        // A dry run answers as if and leaves nothing, key included.
        let dry = try h.call("credits.consume", ["user_id": "u", "amount": 1, "dry_run": true, "idempotency_key": "job-3"])
        #expect(dry["current_credits"] == 7)
        #expect(try h.balance("u") == 8)
        try h.verify()
    }

    @Test func subscriptionsCreateChangeCancel() throws {
        let h = try PostgresHarness()
        let created = try h.call("subscriptions.create", ["user_id": "u", "plan_id": "basic", "subscription_id": "s1", "metadata": ["b": 1, "a": 2]])
        #expect(created["subscription"]?["status"] == "active", "\(created)")
        #expect(created["subscription"]?["metadata"] == ["b": 1, "a": 2])
        #expect(try h.balance("u") == 100)
        #expect(h.failure("subscriptions.create", ["user_id": "u", "plan_id": "pro"])?.code.type == "already_exists")
        let changed = try h.call("subscriptions.change_plan", ["subscription_id": "s1", "plan_id": "pro"])
        #expect(changed["plan_id"] == "pro")
        #expect(try h.call("subscriptions.current", ["user_id": "u"])["id"] == "s1")
        let cancelled = try h.call("subscriptions.cancel", ["subscription_id": "s1", "at_period_end": false])
        #expect(cancelled["status"] == "cancelled")
        #expect(try h.call("subscriptions.list", ["user_id": "u"])["subscriptions"]!.arrayValue!.count == 1)
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free", "subscription_id": "s2"])
        try h.verify()
    }

    @Test func paymentThenRefundRevokesWhatIsLeft() throws {
        let h = try PostgresHarness()
        try h.call("payments.record", ["user_id": "u", "amount": .number("29.99"), "currency": "USD", "status": "pending", "credits_awarded": 50,
                                       "payment_id": "p1"])
        #expect(try h.call("payments.update_status", ["payment_id": "p1", "status": "completed"])["status"] == "completed")
        #expect(try h.balance("u") == 50)
        try h.call("credits.consume", ["user_id": "u", "amount": 20])
        try h.call("payments.update_status", ["payment_id": "p1", "status": "refunded"])
        let view = try h.call("credits.get", ["user_id": "u"])
        #expect(view["total_credits_revoked"] == 30 && view["current_credits"] == 0)
        #expect(try h.call("payments.list", ["user_id": "u"])["payments"]!.arrayValue!.map { $0["amount"]! } == ["29.99"])
        try h.verify()
    }

    @Test func aSignedWebhookAppliesOnceAndItsRepeatIsADuplicate() throws {
        let h = try PostgresHarness()
        try h.call("plans.upsert", ["id": "basic", "name": "Basic", "price": "9.99", "lemon_squeezy_variant_id": "101"])
        let payload = WebhookFixture.subscriptionCreated(user: "u1", id: "1001", variant: 101)
        let params: JSONObject = ["payload": .string(payload), "signature": .string(WebhookFixture.sign(payload, PostgresHarness.secret))]
        #expect(try h.call("webhooks.lemonsqueezy", params)["outcome"] == "applied")
        #expect(try h.call("webhooks.lemonsqueezy", params)["outcome"] == "duplicate")
        #expect(try h.call("subscriptions.current", ["user_id": "u1"])["plan_id"] == "basic")
        #expect(h.failure("webhooks.lemonsqueezy", ["payload": .string(payload), "signature": "00"])?.code.type == "signature_invalid")
        try h.verify()
    }

    @Test func usageSummaryAddsPast64BitsExactly() throws {
        let h = try PostgresHarness()
        try h.call("credits.grant", ["user_id": "u", "amount": 100])
        let big = Int64.max - 10
        for _ in 0..<3 { try h.call("credits.consume", ["user_id": "u", "amount": 1, "tokens_used": .int(big), "response_time_ms": 100]) }
        let summary = try h.call("usage.summary", ["user_id": "u", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "group_by": "day"])
        let row = try #require(summary["rows"]?.arrayValue?.first)
        #expect(row["key"] == "2026-01-01" && row["requests"] == 3 && row["credits_used"] == 3)
        #expect(row["tokens_used"] == .number(String(Int128(big) * 3)))
        #expect(row["avg_response_time_ms"] == 100)
        try h.verify()
    }

    @Test func analyticsBucketsByDayWeekAndMonthInUTC() throws {
        let h = try PostgresHarness()
        try h.call("subscriptions.create", ["user_id": "a", "plan_id": "basic"])
        try h.call("credits.consume", ["user_id": "a", "amount": 5, "metadata": ["model": "m1"], "response_time_ms": 10])
        h.clock.set(Timestamp(rfc3339: "2026-01-05T12:00:00Z")!)  // a Monday
        try h.call("credits.consume", ["user_id": "a", "amount": 7, "metadata": ["model": "m2"], "response_time_ms": 30])
        let range: JSONObject = ["from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"]
        func period(_ period: String) -> JSONObject {
            var params = range
            params["group_by"] = .string(period)
            return params
        }
        let weekly = try h.call("analytics.credits", period("week"))
        let weeks = try #require(weekly["periods"]?.arrayValue)
        #expect(weeks.map { $0["period"]! }.prefix(2) == ["2025-12-29", "2026-01-05"])
        #expect(weeks.prefix(2).map { $0["used"]! } == [5, 7])
        let monthly = try h.call("analytics.credits", period("month"))
        #expect(monthly["periods"]?.arrayValue?.first?["used"] == 12)
        let models = try h.call("analytics.usage", period("model"))
        #expect(models["rows"]?.arrayValue?.map { $0["key"]! } == ["m1", "m2"])
        let subscriptions = try h.call("analytics.subscriptions", period("day"))
        #expect(subscriptions["by_status"]?.arrayValue?.first?["subscriptions"] == 1)
        _ = try h.call("analytics.revenue", period("day"))
        _ = try h.call("analytics.top_users", range)
        _ = try h.call("analytics.webhooks", period("day"))
        try h.verify()
    }

    @Test func theSchedulerExpiresAndTheVerifierSeesATamperedBalance() throws {
        let h = try PostgresHarness()
        try h.call("credits.grant", ["user_id": "u", "amount": 6, "expires_at": "2026-01-02T00:00:00Z"])
        try h.call("credits.grant", ["user_id": "u", "amount": 4])
        h.clock.set(Timestamp(rfc3339: "2026-01-03T00:00:00Z")!)
        _ = try Blocking.wait { completion in h.service.runDue { completion($0.map { _ in 0 }) } }
        #expect(try h.call("credits.get", ["user_id": "u"])["total_credits_expired"] == 6)
        try h.verify()
        // The ledger refuses edits; a balance changed behind the domain's back is reported.
        let url = h.url
        let session = try PostgresSession.connect(url)
        defer { session.close() }
        #expect(throws: PostgresError.self) { try session.run("DELETE FROM credit_ledger") }
        try session.run("UPDATE user_credits SET current_credits = current_credits + 1, total_credits_purchased = total_credits_purchased + 1")
        let report = try h.call("system.verify")
        #expect(report["ok"] == false)
        #expect(report["problems"]?.arrayValue?.contains { $0.stringValue?.hasPrefix("balance differs from the ledger: u") == true } == true)
        // Backups of PostgreSQL are the operator's (pg_dump, base backups): refused, nothing written.
        #expect(h.failure("system.backup", ["path": "/tmp/never.sqlite3"])?.code == .unavailable)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.sqlite3"))
    }
}

/// Blocking waits for callback-style calls, in tests only.
enum Blocking {
    static func wait<T: Sendable>(_ start: (@escaping @Sendable (Result<T, any Error>) -> Void) -> Void) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, any Error>?  // handed over by the semaphore
        start { value in
            result = value
            done.signal()
        }
        done.wait()
        return try result!.get()
    }
}
