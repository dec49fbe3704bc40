import BillingCore
import BillingProtocol
import Testing

@Suite struct SubscriptionsTests {
    @Test func createGrantsPeriodCreditsAndAllowsOneLiveSubscription() throws {
        let h = try Harness()
        let created = try h.call("subscriptions.create", ["user_id": "u", "plan_id": "basic", "subscription_id": "s1", "metadata": ["a": 1]])
        #expect(created["subscription"]?["status"] == "active")
        #expect(created["subscription"]?["current_period_end"] == "2026-02-01T00:00:00.000Z")
        #expect(created["credits"]?["current_credits"] == 100)
        #expect(created["credits"]?["next_credit_refill"] == "2026-02-01T00:00:00.000Z")
        #expect(try h.call("subscriptions.current", ["user_id": "u"])["id"] == "s1")
        h.expectError("already_exists", "subscriptions.create", ["user_id": "u", "plan_id": "pro"])
        h.expectError("already_exists", "subscriptions.create", ["user_id": "other", "plan_id": "pro", "subscription_id": "s1"])
        h.expectError("not_found", "subscriptions.create", ["user_id": "x", "plan_id": "gold"])
        h.expectError("not_found", "subscriptions.get", ["subscription_id": "nope"])
        h.expectError("not_found", "subscriptions.current", ["user_id": "nobody"])
        try h.call("plans.upsert", ["id": "old", "name": "Old", "price": 1, "is_active": false])
        h.expectError("invalid_state", "subscriptions.create", ["user_id": "y", "plan_id": "old"])
    }

    @Test func trialIsTheFirstPeriodAndAPaidPlanWaitsInPastDueAfterIt() throws {
        let h = try Harness()
        let created = try h.call("subscriptions.create", ["user_id": "u", "plan_id": "pro", "trial_days": 14, "subscription_id": "s"])
        #expect(created["subscription"]?["status"] == "trialing")
        #expect(created["subscription"]?["trial_end"] == "2026-01-15T00:00:00.000Z")
        #expect(created["credits"]?["current_credits"] == 1000)
        try h.advance(days: 14)
        let after = try h.call("subscriptions.get", ["subscription_id": "s"])
        #expect(after["status"] == "past_due")
        #expect(try h.balance("u") == 0)
        let renewed = try h.call("subscriptions.renew", ["subscription_id": "s"])
        #expect(renewed["status"] == "active" && renewed["current_period_end"] == "2026-02-15T00:00:00.000Z")
        #expect(try h.balance("u") == 1000)
        try h.verify()
    }

    @Test func freePlanRenewsByItselfCatchingUpWholePeriods() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free", "subscription_id": "s"])
        try h.call("credits.consume", ["user_id": "u", "amount": 4])
        try h.call("credits.grant", ["user_id": "u", "amount": 3])
        try h.advance(days: 100)
        let s = try h.call("subscriptions.get", ["subscription_id": "s"])
        #expect(s["status"] == "active")
        #expect(s["current_period_start"] == "2026-04-01T00:00:00.000Z" && s["current_period_end"] == "2026-05-01T00:00:00.000Z")
        let view = try h.credits("u")
        // The leftover 6 period credits expired; purchased ones stay; one fresh period of 10.
        #expect(view["current_credits"] == 13 && view["total_credits_expired"] == 6 && view["credits_used_this_period"] == 0)
        try h.verify()
    }

    @Test func cancelAtPeriodEndKeepsItLiveUntilThenAndCancelNowExpiresCredits() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "a", "plan_id": "basic", "subscription_id": "sa"])
        let marked = try h.call("subscriptions.cancel", ["subscription_id": "sa"])
        #expect(marked["status"] == "active" && marked["cancel_at_period_end"] == true)
        try h.call("credits.consume", ["user_id": "a", "amount": 10])
        try h.advance(days: 31)
        let ended = try h.call("subscriptions.get", ["subscription_id": "sa"])
        #expect(ended["status"] == "cancelled" && ended["ended_at"] == "2026-02-01T00:00:00.000Z")
        #expect(try h.balance("a") == 0)
        h.expectError("not_found", "subscriptions.current", ["user_id": "a"])
        h.expectError("invalid_state", "subscriptions.cancel", ["subscription_id": "sa"])
        // A new subscription is allowed once the old one has ended.
        try h.call("subscriptions.create", ["user_id": "a", "plan_id": "free"])

        try h.call("subscriptions.create", ["user_id": "b", "plan_id": "pro", "subscription_id": "sb"])
        try h.call("credits.grant", ["user_id": "b", "amount": 5])
        let now = try h.call("subscriptions.cancel", ["subscription_id": "sb", "at_period_end": false])
        #expect(now["status"] == "cancelled")
        let view = try h.credits("b")
        #expect(view["current_credits"] == 5 && view["total_credits_expired"] == 1000)
        try h.verify()
    }

    @Test func pauseBlocksSpendingAndResumeRestoresIt() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "basic", "subscription_id": "s"])
        #expect(try h.call("subscriptions.pause", ["subscription_id": "s"])["status"] == "paused")
        let blocked = h.failure("credits.consume", ["user_id": "u", "amount": 1])
        #expect(blocked?.code == .subscriptionInactive)
        h.expectError("subscription_inactive", "credits.reserve", ["user_id": "u", "amount": 1])
        h.expectError("invalid_state", "subscriptions.pause", ["subscription_id": "s"])
        h.expectError("invalid_state", "subscriptions.renew", ["subscription_id": "s"])
        #expect(try h.call("subscriptions.resume", ["subscription_id": "s"])["status"] == "active")
        h.expectError("invalid_state", "subscriptions.resume", ["subscription_id": "s"])
        try h.call("credits.consume", ["user_id": "u", "amount": 1])
        // Resume also takes back a cancel-at-period-end.
        try h.call("subscriptions.cancel", ["subscription_id": "s"])
        #expect(try h.call("subscriptions.resume", ["subscription_id": "s"])["cancel_at_period_end"] == false)
    }

    @Test func aPausedSubscriptionCancelledAtPeriodEndEndsThen() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "basic", "subscription_id": "s"])
        try h.call("subscriptions.cancel", ["subscription_id": "s"])
        try h.call("subscriptions.pause", ["subscription_id": "s"])
        try h.advance(days: 40)
        let ended = try h.call("subscriptions.get", ["subscription_id": "s"])
        #expect(ended["status"] == "cancelled" && ended["ended_at"] == "2026-02-01T00:00:00.000Z")
        // A paused one without the cancel keeps its period until resumed.
        try h.call("subscriptions.create", ["user_id": "v", "plan_id": "basic", "subscription_id": "t"])
        try h.call("subscriptions.pause", ["subscription_id": "t"])
        try h.advance(days: 40)
        #expect(try h.call("subscriptions.get", ["subscription_id": "t"])["status"] == "paused")
        try h.verify()
    }

    @Test func changePlanStartsANewPeriodOnTheNewPlan() throws {
        let h = try Harness()
        try h.call("subscriptions.create", ["user_id": "u", "plan_id": "free", "subscription_id": "s"])
        try h.advance(days: 3)
        let changed = try h.call("subscriptions.change_plan", ["subscription_id": "s", "plan_id": "pro"])
        #expect(changed["plan_id"] == "pro" && changed["current_period_start"] == "2026-01-04T00:00:00.000Z")
        let view = try h.credits("u")
        #expect(view["current_credits"] == 1000 && view["total_credits_expired"] == 10)
        #expect(try h.call("ratelimit.check", ["user_id": "u"])["limits"]?["minute"]?["limit"] == 50)
        h.expectError("not_found", "subscriptions.change_plan", ["subscription_id": "s", "plan_id": "gold"])
        try h.call("subscriptions.cancel", ["subscription_id": "s", "at_period_end": false])
        h.expectError("invalid_state", "subscriptions.change_plan", ["subscription_id": "s", "plan_id": "basic"])
        try h.verify()
    }

    @Test func listPagesNewestFirst() throws {
        let h = try Harness()
        for i in 0..<5 {
            try h.call("subscriptions.create", ["user_id": .string("u\(i)"), "plan_id": "free", "subscription_id": .string("s\(i)")])
            try h.advance(ms: 1)
        }
        let first = try h.call("subscriptions.list", ["limit": 2])
        #expect(first["subscriptions"]!.arrayValue!.map { $0["id"]! } == ["s4", "s3"])
        let second = try h.call("subscriptions.list", ["limit": 2, "cursor": first["next_cursor"]!])
        #expect(second["subscriptions"]!.arrayValue!.map { $0["id"]! } == ["s2", "s1"])
        let last = try h.call("subscriptions.list", ["limit": 2, "cursor": second["next_cursor"]!])
        #expect(last["subscriptions"]!.arrayValue!.map { $0["id"]! } == ["s0"] && last["next_cursor"] == .null)
        #expect(try h.call("subscriptions.list", ["user_id": "u2"])["subscriptions"]!.arrayValue!.count == 1)
        #expect(try h.call("subscriptions.list", ["status": "cancelled"])["subscriptions"]!.arrayValue!.isEmpty)
    }
}
