import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// Issue 10's sequences of valid requests that used to crash or wedge the daemon, each through
/// the real socket: 64-bit edges of balances, holds, totals and sums; one account's failing
/// renewal next to another's; a payment repeated with a new status.
@Suite(.serialized) struct EdgeCaseSocketTests {
    static let max = Int64.max

    func expectRefused(_ type: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> JSONValue) {
        do {
            let result = try body()
            Issue.record("expected \(type), got \(result.serialized())", sourceLocation: sourceLocation)
        } catch let error as RPCError {
            #expect(error.code.type == type, "\(error.message)", sourceLocation: sourceLocation)
            if let field { #expect(error.details["field"]?.stringValue == field, "\(error.message)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    func expectClean(_ c: SocketConnection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try c.call("system.verify")
        #expect(report["ok"] == true, "\(report["problems"]?.serialized() ?? "")", sourceLocation: sourceLocation)
    }

    /// 1. grant MAX, reserve 5, grant 5: the last grant would pass the lifetime limit, so it is
    /// refused naming `amount`; releasing the hold, or its timing out, no longer traps.
    @Test func grantPastTheLifetimeLimitIsRefusedAndTheHoldReleases() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("credits.grant", ["user_id": "edge", "amount": .int(Self.max)])
        let hold = try c.call("credits.reserve", ["user_id": "edge", "amount": 5])
        expectRefused("invalid_params", field: "amount") { try c.call("credits.grant", ["user_id": "edge", "amount": 5]) }
        var view = try c.call("credits.get", ["user_id": "edge"])
        #expect(view["total_credits_purchased"] == .int(Self.max))
        #expect(view["current_credits"] == .int(Self.max - 5) && view["reserved_credits"] == 5)
        try c.call("credits.release", ["reservation_id": hold["reservation_id"]!])
        view = try c.call("credits.get", ["user_id": "edge"])
        #expect(view["current_credits"] == .int(Self.max) && view["reserved_credits"] == 0)
        // The timeout path: a second hold that the clock lets expire.
        try c.call("credits.reserve", ["user_id": "edge", "amount": 5, "ttl_ms": 1000])
        let moved = try c.call("system.clock.advance", ["ms": 120_000])
        #expect(moved["processed"]?["reservation_timeout"] == 1 && moved["failed"] == [])
        #expect(try c.call("credits.get", ["user_id": "edge"])["current_credits"] == .int(Self.max))
        try expectClean(c)
        try await daemon.stop()
    }

    /// 1, with the real clock: the scheduler releases a timed-out hold at the lifetime limit and the
    /// daemon (the real binary) keeps serving; before, it died on every restart.
    @Test func realClockSchedulerAtTheLimitKeepsServing() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Not DaemonProcess, which always passes --test-clock: this one needs the real clock.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonProcess.defaultBinary())
        let socket = directory + "/real.sock"
        process.arguments = ["serve", "--socket", socket, "--db", directory + "/real.sqlite3", "--log-level", "warning"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        var c: SocketConnection?
        for _ in 0..<500 where c == nil {
            c = try? SocketConnection(path: socket)
            if c == nil { usleep(20_000) }
        }
        let connection = try #require(c)
        try connection.call("credits.grant", ["user_id": "edge", "amount": .int(Self.max)])
        try connection.call("credits.reserve", ["user_id": "edge", "amount": 5, "ttl_ms": 1])
        expectRefused("invalid_params", field: "amount") { try connection.call("credits.grant", ["user_id": "edge", "amount": 5]) }
        // Wait (bounded) for the scheduler, which runs every second, to write the release.
        func released() throws -> Bool {
            try connection.call("credits.ledger", ["user_id": "edge"])["entries"]?.arrayValue?.contains { $0["kind"] == "release" } == true
        }
        for _ in 0..<100 where try !released() { usleep(100_000) }
        #expect(try released())
        #expect(process.isRunning)
        #expect(try connection.call("credits.get", ["user_id": "edge"])["current_credits"] == .int(Self.max))
        #expect(try connection.call("system.health")["status"] == "ok")
        try expectClean(connection)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// 2. grant MAX, consume MAX, grant MAX: the second grant is refused, the totals stay exact and
    /// `system.verify` reports, never fails.
    @Test func lifetimeTotalsStayExact() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("credits.grant", ["user_id": "edge", "amount": .int(Self.max)])
        try c.call("credits.consume", ["user_id": "edge", "amount": .int(Self.max)])
        expectRefused("invalid_params", field: "amount") { try c.call("credits.grant", ["user_id": "edge", "amount": .int(Self.max)]) }
        let view = try c.call("credits.get", ["user_id": "edge"])
        #expect(view["total_credits_purchased"] == .int(Self.max) && view["total_credits_used"] == .int(Self.max))
        #expect(view["current_credits"] == 0)
        try expectClean(c)
        try await daemon.stop()
    }

    /// 3. Sums past 64 bits: `usage.summary` (one user's and everyone's) answers exact totals.
    @Test func summariesPastSixtyFourBitsAreExact() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try c.call("credits.grant", ["user_id": "a", "amount": 10])
        try c.call("credits.grant", ["user_id": "b", "amount": 10])
        for user in ["a", "b"] {
            try c.call("credits.consume", ["user_id": .string(user), "amount": 1, "tokens_used": .int(1 << 62),
                                           "cost_usd": "9223372036854.775807", "response_time_ms": .int(Int64(Int32.max))])
        }
        let window: JSONObject = ["from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "group_by": "usage_type"]
        let all = try #require(try c.call("usage.summary", window)["rows"]?.arrayValue?.first)
        #expect(all["tokens_used"] == .number("9223372036854775808"))
        #expect(all["cost_usd"] == "18446744073709.551614")
        #expect(all["requests"] == 2 && all["credits_used"] == 2 && all["avg_response_time_ms"] == .int(Int64(Int32.max)))
        var one = window
        one["user_id"] = "a"
        let mine = try #require(try c.call("usage.summary", one)["rows"]?.arrayValue?.first)
        #expect(mine["tokens_used"] == .int(1 << 62) && mine["cost_usd"] == "9223372036854.775807")
        try expectClean(c)
        try await daemon.stop()
    }

    /// 4. One account whose renewal cannot be granted no longer stalls the others: the clock move
    /// answers what it processed and what failed, the other user renews, later moves work, and
    /// `system.stats` counts the failing item.
    @Test func oneFailingRenewalNeverStallsTheOthers() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        let a = try c.call("subscriptions.create", ["user_id": "a", "plan_id": "free"])["subscription"]!["id"]!
        try c.call("credits.grant", ["user_id": "a", "amount": .int(Self.max - 10)])
        try c.call("plans.upsert", ["id": "free", "name": "Free", "price": "0", "credits_per_period": 20])
        try c.call("subscriptions.create", ["user_id": "b", "plan_id": "free"])
        try c.call("credits.consume", ["user_id": "b", "amount": 20])
        let moved = try c.call("system.clock.set", ["now": "2026-02-15T00:00:00Z"])
        let failed = try #require(moved["failed"]?.arrayValue)
        #expect(failed.count == 1)
        #expect(failed.first?["kind"] == "period_end" && failed.first?["id"] == a && failed.first?["error_type"] == "invalid_params")
        #expect(moved["processed"]?["period_end"] == 1)
        #expect(try c.call("credits.get", ["user_id": "b"])["current_credits"] == 20)
        #expect(try c.call("subscriptions.get", ["subscription_id": a])["status"] == "active")
        let again = try c.call("system.clock.advance", ["ms": 0])
        #expect(again["failed"]?.arrayValue?.count == 1)
        let scheduler = try c.call("system.stats")["scheduler"]
        let failing = scheduler?["failing"]?.arrayValue?.first
        #expect(failing?["kind"] == "period_end" && failing?["id"] == a && failing?["error_type"] == "invalid_params")
        #expect(failing?["reason"]?.stringValue?.isEmpty == false && failing?["consecutive"] == 2)
        #expect(scheduler?["failures"] == 2)
        // Once the plan grants nothing, A's period ends normally and nothing is failing.
        try c.call("plans.upsert", ["id": "free", "name": "Free", "price": "0", "credits_per_period": 0])
        #expect(try c.call("system.clock.advance", ["ms": 0])["failed"] == [])
        #expect(try c.call("system.stats")["scheduler"]?["failing"] == [])
        try expectClean(c)
        try await daemon.stop()
    }

    /// 5. The same order id with a different status is 1003 naming `status`; an exact repeat, or one
    /// that gives fewer fields, returns the stored payment; nothing is granted twice.
    @Test func paymentRepeatsMatchOrConflict() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        let first: JSONObject = ["user_id": "p", "amount": "9.99", "currency": "USD", "status": "pending",
                                 "lemon_squeezy_order_id": "ord_88", "credits_awarded": 30]
        let stored = try c.call("payments.record", first)
        #expect(try c.call("payments.record", first) == stored)
        var completed = first
        completed["status"] = "completed"
        expectRefused("idempotency_conflict", field: "status") { try c.call("payments.record", completed) }
        var fewer = first
        fewer["credits_awarded"] = nil
        #expect(try c.call("payments.record", fewer)["id"] == stored["id"])
        var other = first
        other["description"] = "changed"
        expectRefused("idempotency_conflict", field: "description") { try c.call("payments.record", other) }
        expectRefused("not_found") { try c.call("credits.get", ["user_id": "p"]) }
        try c.call("payments.update_status", ["payment_id": stored["id"]!, "status": "completed"])
        #expect(try c.call("credits.get", ["user_id": "p"])["current_credits"] == 30)
        try expectClean(c)
        try await daemon.stop()
    }
}
