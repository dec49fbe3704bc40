import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// The seed's story and the concurrency guarantees, through the real socket.
@Suite(.serialized) struct BillingStorySocketTests {
    @Test func seedStoryFromFreeTierToCancelled() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        // Free tier: 10 credits.
        let free = try c.call("subscriptions.create", ["user_id": "shop-1", "plan_id": "free", "subscription_id": "sub-1"])
        #expect(free["credits"]?["current_credits"] == 10)
        #expect(try c.call("credits.consume", ["user_id": "shop-1", "amount": 1, "category": "electronics", "language_code": "en",
                                                "tokens_used": 150, "response_time_ms": 2500, "cost_usd": .number("0.001")] as JSONObject)["current_credits"] == 9)
        // Buys basic: the payment completes, the subscription moves to basic with 100 credits.
        try c.call("payments.record", ["user_id": "shop-1", "amount": "9.99", "currency": "USD", "status": "pending", "payment_id": "pay-1",
                                       "plan_id": "basic", "subscription_id": "sub-1", "lemon_squeezy_order_id": "ls-1"])
        #expect(try c.call("payments.update_status", ["payment_id": "pay-1", "status": "completed"])["status"] == "completed")
        let basic = try c.call("subscriptions.change_plan", ["subscription_id": "sub-1", "plan_id": "basic"])
        #expect(basic["plan_id"] == "basic")
        var credits = try c.call("credits.get", ["user_id": "shop-1"])
        #expect(credits["current_credits"] == 100 && credits["total_credits_expired"] == 9)
        for _ in 0..<3 { _ = try c.call("credits.consume", ["user_id": "shop-1", "amount": 5, "category": "fashion", "cost_usd": "0.002"]) }
        let summary = try c.call("usage.summary", ["user_id": "shop-1", "from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z",
                                                   "group_by": "category"])
        #expect(summary["rows"] == [
            ["key": "electronics", "requests": 1, "credits_used": 1, "product_count": 1, "tokens_used": 150, "cost_usd": "0.001000", "avg_response_time_ms": 2500],
            ["key": "fashion", "requests": 3, "credits_used": 15, "product_count": 3, "tokens_used": 0, "cost_usd": "0.006000", "avg_response_time_ms": nil],
        ])
        // The period ends unpaid: leftovers expire, the subscription waits in past_due; the renewal payment renews it.
        _ = try c.call("system.clock.advance", ["ms": .int(31 * 86_400_000)])
        #expect(try c.call("subscriptions.get", ["subscription_id": "sub-1"])["status"] == "past_due")
        credits = try c.call("credits.get", ["user_id": "shop-1"])
        #expect(credits["current_credits"] == 0 && credits["total_credits_expired"] == 94)
        _ = try c.call("payments.record", ["user_id": "shop-1", "amount": "9.99", "currency": "USD", "status": "completed", "lemon_squeezy_order_id": "ls-2",
                                           "subscription_id": "sub-1", "plan_id": "basic"])
        let renewed = try c.call("subscriptions.renew", ["subscription_id": "sub-1"])
        #expect(renewed["status"] == "active")
        #expect(try c.call("credits.get", ["user_id": "shop-1"])["current_credits"] == 100)
        // Cancel at the period end: live until then, cancelled after.
        #expect(try c.call("subscriptions.cancel", ["subscription_id": "sub-1"])["cancel_at_period_end"] == true)
        _ = try c.call("system.clock.advance", ["ms": .int(15 * 86_400_000)])
        #expect(try c.call("subscriptions.current", ["user_id": "shop-1"])["status"] == "active")
        _ = try c.call("system.clock.advance", ["ms": .int(20 * 86_400_000)])
        #expect(try c.call("subscriptions.get", ["subscription_id": "sub-1"])["status"] == "cancelled")
        credits = try c.call("credits.get", ["user_id": "shop-1"])
        #expect(credits["current_credits"] == 0 && credits["total_credits_used"] == 16 && credits["total_credits_purchased"] == 210)
        #expect(try c.call("payments.list", ["user_id": "shop-1"])["payments"]?.arrayValue?.count == 2)
        #expect(try c.call("system.verify")["ok"] == true)
        try await daemon.stop()
    }

    @Test func sixtyFourConcurrentClientsNeverOverdrawNorLoseADebit() async throws {
        let daemon = try await TestDaemon.start()
        _ = try daemon.call("credits.grant", ["user_id": "hot", "amount": 1000])
        let socketPath = daemon.socketPath
        let (succeeded, refused) = await withTaskGroup(of: (Int, Int).self) { group in
            for client in 0..<64 {
                group.addTask {
                    guard let c = try? SocketConnection(path: socketPath) else { return (0, 0) }
                    var ok = 0, short = 0
                    // Pipelined: 25 consumes sent at once, then 25 answers read.
                    var lines = ""
                    for i in 0..<25 {
                        lines += #"{"id":\#(i),"method":"credits.consume","params":{"user_id":"hot","amount":1,"idempotency_key":"c\#(client)-\#(i)"}}"# + "\n"
                    }
                    try? c.send(Array(lines.utf8))
                    for _ in 0..<25 {
                        guard let response = try? c.readJSON() else { break }
                        if response["result"] != nil {
                            ok += 1
                        } else if response["error"]?["data"]?["type"] == "insufficient_credits" {
                            short += 1
                        }
                    }
                    return (ok, short)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        #expect(succeeded == 1000)
        #expect(refused == 600)
        let credits = try daemon.call("credits.get", ["user_id": "hot"])
        #expect(credits["current_credits"] == 0 && credits["total_credits_used"] == 1000)
        var rows = 0
        var cursor: JSONValue = .null
        repeat {
            var params: JSONObject = ["user_id": "hot", "limit": 1000]
            if cursor != .null { params["cursor"] = cursor }
            let page = try daemon.call("usage.list", params)
            rows += page["usage"]?.arrayValue?.count ?? 0
            cursor = page["next_cursor"] ?? .null
        } while cursor != .null
        #expect(rows == 1000)
        #expect(try daemon.call("system.verify")["ok"] == true)
        let stats = try daemon.call("system.stats")
        // Group commit: far fewer commits than write requests.
        #expect((stats["commits"]?.int64Value ?? 0) < (stats["write_requests"]?.int64Value ?? 0))
        try await daemon.stop()
    }
}
