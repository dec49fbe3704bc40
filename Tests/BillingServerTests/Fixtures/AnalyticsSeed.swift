import BillingClient
import BillingProtocol

/// A small business with known numbers, for the analytics methods and the report: written
/// through the socket on a test clock that starts at 2026-01-01T00:00:00Z.
///
/// January: u1 basic (9.99/month), u2 pro (29.99/month), u3 annual (120.00/year, so 10.00 a
/// month), u4 basic with a 14-day trial; u1 buys 20 credits; four payments (9.99, 29.99, 120.00 completed and a
/// 5.00 refund); u1 makes 10 generations (1 credit, 100…1000 ms, model a, 0.001 USD), u2 makes 5
/// (3 credits, 50 ms, model b, 0.01 USD); u9 gets 50 credits that expire on January 10.
/// On January 11 u2 cancels at the period end (so it ends on February 1).
/// February 1…10: one more 9.99 payment for u1 and 2 generations of u1 (model a, 200 ms).
enum AnalyticsSeed {
    static let start = "2026-01-01T00:00:00Z"

    static func seed(_ c: SocketConnection) throws {
        _ = try c.call("plans.upsert", ["id": "annual", "name": "Annual", "price": "120.00", "billing_interval": "year", "credits_per_period": 1200])
        for (user, plan) in [("u1", "basic"), ("u2", "pro"), ("u3", "annual")] {
            _ = try c.call("subscriptions.create", ["user_id": .string(user), "plan_id": .string(plan), "subscription_id": .string("sub_\(user)")])
        }
        _ = try c.call("subscriptions.create", ["user_id": "u4", "plan_id": "basic", "trial_days": 14, "subscription_id": "sub_u4"])
        for (user, amount, plan, status) in [("u1", "9.99", "basic", "completed"), ("u2", "29.99", "pro", "completed"),
                                             ("u3", "120.00", "annual", "completed"), ("u5", "5.00", "", "refunded")] {
            var params: JSONObject = ["user_id": .string(user), "amount": .string(amount), "currency": "USD", "status": .string(status)]
            if !plan.isEmpty { params["plan_id"] = .string(plan) }
            _ = try c.call("payments.record", params)
        }
        for i in 1...10 {
            _ = try c.call("credits.consume", ["user_id": "u1", "amount": 1, "usage_type": "ai_generation", "response_time_ms": .int(Int64(i * 100)),
                                               "cost_usd": "0.001", "tokens_used": 100, "metadata": ["model": "model-a"]])
        }
        for _ in 1...5 {
            _ = try c.call("credits.consume", ["user_id": "u2", "amount": 3, "usage_type": "bulk", "response_time_ms": 50, "cost_usd": "0.01",
                                               "metadata": ["model": "model-b"]])
        }
        _ = try c.call("credits.grant", ["user_id": "u1", "amount": 20, "source": "purchase"])
        _ = try c.call("credits.grant", ["user_id": "u9", "amount": 50, "source": "promo", "expires_at": "2026-01-10T00:00:00Z"])
        _ = try c.call("system.clock.set", ["now": "2026-01-11T00:00:00Z"])
        _ = try c.call("subscriptions.cancel", ["subscription_id": "sub_u2", "at_period_end": true])
        _ = try c.call("system.clock.set", ["now": "2026-02-05T00:00:00Z"])
        _ = try c.call("payments.record", ["user_id": "u1", "amount": "9.99", "currency": "USD", "status": "completed", "plan_id": "basic"])
        for _ in 1...2 {
            _ = try c.call("credits.consume", ["user_id": "u1", "amount": 1, "usage_type": "ai_generation", "response_time_ms": 200,
                                               "cost_usd": "0.001", "metadata": ["model": "model-a"]])
        }
        _ = try c.call("system.clock.set", ["now": "2026-02-10T00:00:00Z"])
    }
}
