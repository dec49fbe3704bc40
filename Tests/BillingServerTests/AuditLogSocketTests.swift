import BillingClient
import BillingCore
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// Issue 14's audit log through the real socket and the real CLI: who changed what (the peer's
/// SO_PEERCRED uid and pid, the request id), exactly one row per audited change in the same
/// transaction, nothing for metered spending, refusals recorded, append-only, verified, exported.
@Suite(.serialized) struct AuditLogSocketTests {
    let binary = DaemonProcess.defaultBinary()

    func entries(_ c: SocketConnection, _ params: JSONObject = [:]) throws -> [JSONValue] {
        try c.call("audit.list", params)["entries"]?.arrayValue ?? []
    }

    @Test func everyAuditedChangeLeavesOneRowWithItsCaller() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "a1", "amount": 50], id: 41)
        let created = try c.call("subscriptions.create", ["user_id": "a1", "plan_id": "basic", "idempotency_key": "k1"], id: 42)
        _ = try c.call("subscriptions.create", ["user_id": "a1", "plan_id": "basic", "idempotency_key": "k1"], id: 43)
        _ = try c.call("credits.consume", ["user_id": "a1", "amount": 3], id: 44)
        let held = try c.call("credits.reserve", ["user_id": "a1", "amount": 2], id: 45)
        _ = try c.call("credits.release", ["reservation_id": held["reservation_id"]!], id: 46)
        #expect(throws: RPCError.self) { try c.call("subscriptions.cancel", ["subscription_id": "sub_nope"], id: 47) }
        _ = try c.call("payments.record", ["user_id": "a1", "amount": "9.99", "status": "completed", "currency": "USD", "payment_id": "pay_a1"], id: 48)
        // A read leaves no row, also where taking its token writes a counter row (PostgreSQL).
        _ = try c.call("ratelimit.check", ["user_id": "a1"], id: 49)

        let all = try entries(c)
        // Newest first; consume/reserve/release and the rate-limit check left nothing.
        #expect(all.map { $0["method"]?.stringValue ?? "" }
            == ["payments.record", "subscriptions.cancel", "subscriptions.create", "subscriptions.create", "credits.grant"])
        #expect(all.map { $0["request_id"] } == ["48", "47", "43", "42", "41"])
        #expect(all.map { $0["outcome"] } == ["applied", "rejected", "replayed", "applied", "applied"])
        for entry in all {
            #expect(entry["actor"] == "socket")
            #expect(entry["uid"] == .int(Int64(getuid())) && entry["pid"] == .int(Int64(getpid())))
            #expect(entry["params_digest"]?.stringValue?.utf8.count == 64)
            #expect(entry["at"] == "2026-01-01T00:00:00.000Z")
        }
        let rejected = all[1]
        #expect(rejected["error_code"] == 1001 && rejected["targets"]?["subscription_id"] == "sub_nope")
        #expect(rejected["detail"]?.stringValue?.hasPrefix("not_found:") == true)
        let create = all[3]
        #expect(create["user_id"] == "a1" && create["targets"]?["plan_id"] == "basic")
        #expect(create["targets"]?["subscription_id"] == created["subscription"]?["id"])
        // A replay has the same params, so the same digest.
        #expect(all[2]["params_digest"] == create["params_digest"])
        #expect(all[0]["targets"]?["payment_id"] == "pay_a1")

        // Filters and keyset pages.
        #expect(try entries(c, ["method": "subscriptions.create"]).count == 2)
        #expect(try entries(c, ["user_id": "a1"]).count == 4)
        #expect(try entries(c, ["user_id": "nobody"]).isEmpty)
        let first = try c.call("audit.list", ["limit": 2])
        #expect(first["entries"]?.arrayValue?.count == 2)
        let second = try c.call("audit.list", ["limit": 2, "cursor": first["next_cursor"]!])
        #expect(second["entries"]?.arrayValue?.first?["request_id"] == "43")
        #expect(try entries(c, ["from": "2026-01-02T00:00:00Z"]).isEmpty)
        #expect(throws: RPCError.self) { try c.call("audit.list", ["cursor": "x"]) }

        // Clock moves are audited like any change; the scheduler records what it did.
        _ = try c.call("system.clock.advance", ["ms": .int(40 * 86_400_000)], id: 50)
        #expect(try entries(c, ["limit": 1]).first?["method"] == "system.clock.advance")
        _ = try c.call("credits.grant", ["user_id": "a2", "amount": 5, "expires_at": "2026-03-01T00:00:00Z"])
        _ = daemon.service.clock.set(Timestamp(rfc3339: "2026-03-20T00:00:00Z")!)
        let ran = DispatchSemaphore(value: 0)
        daemon.service.runDue { _ in ran.signal() }
        ran.wait()
        let scheduled = try #require(try entries(c, ["method": "scheduler.run_due"]).first)
        #expect(scheduled["actor"] == "scheduler" && scheduled["uid"] == .null && scheduled["request_id"] == .null)
        #expect(scheduled["at"] == "2026-03-20T00:00:00.000Z")
        // Nothing more is due but an old idempotency key: housekeeping, the next run records nothing.
        _ = try c.call("credits.grant", ["user_id": "a3", "amount": 1, "idempotency_key": "k2"])
        _ = daemon.service.clock.set(Timestamp(rfc3339: "2026-04-20T00:00:00Z")!)
        let idle = DispatchSemaphore(value: 0)
        daemon.service.runDue { _ in idle.signal() }
        idle.wait()
        #expect(try entries(c, ["method": "scheduler.run_due"]).count == 1)
        #expect(try c.call("system.verify")["ok"] == true)
        try await daemon.stop()
    }

    @Test(.enabled(if: !TestStore.isPostgres, "reaches below the seam into the SQLite file; DomainOnPostgresTests checks the same on PostgreSQL"))
    func theLogIsAppendOnlyAndVerifySeesTampering() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        for n in 0..<3 { _ = try c.call("credits.grant", ["user_id": .string("t\(n)"), "amount": 5]) }
        let writer = daemon.service.database.writer
        #expect(throws: SQLiteError.self) { try writer.performSQL { try $0.run("UPDATE audit_log SET method = 'x'") } }
        #expect(throws: SQLiteError.self) { try writer.performSQL { try $0.run("DELETE FROM audit_log") } }
        #expect(try c.call("system.verify")["ok"] == true)
        try writer.performSQL { db in
            try db.execute("DROP TRIGGER audit_log_no_delete")
            try db.run("DELETE FROM audit_log WHERE id = 2")
        }
        let problems = try c.call("system.verify")["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(problems.contains { $0.contains("trigger audit_log_no_delete is missing") })
        #expect(problems.contains { $0.contains("ids up to 3 were assigned but 2 rows remain") })
        try await daemon.stop()
    }

    @Test func webhooksAreRecordedUnderTheWebhookActorEvenWhenRefused() async throws {
        let shop = try await LemonSqueezyWebhookSocketTests.Shop.open()
        let created = try shop.deliver(LemonSqueezyFixtures.Subscription().payload("subscription_created"))
        _ = shop.refused(["payload": "{}", "signature": "00"])
        let hooks = try entries(shop.c, ["method": "webhooks.lemonsqueezy"])
        #expect(hooks.map { $0["outcome"] } == ["rejected", "applied"])
        #expect(hooks.allSatisfy { $0["actor"] == "webhook" && $0["uid"] == .int(Int64(getuid())) })
        #expect(hooks[1]["detail"] == "subscription_created: applied")
        #expect(hooks[1]["targets"]?["subscription_id"] == created["subscription_id"] && hooks[1]["targets"]?["event_id"] == created["event_id"])
        #expect(hooks[0]["error_code"] == 1008)
        try await shop.close()
    }

    @Test(.enabled(if: !TestStore.isPostgres, "backup and restore are the embedded store's; PostgreSQL has pg_dump"))
    func theCLIRecordsItsCommandsAndExportsTheLog() async throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer { daemon.removeFiles() }
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "x", "amount": 10])
        _ = try c.call("plans.upsert", ["id": "team", "name": "Team", "price": "49.00"])
        let backup = daemon.directory + "/backup.sqlite3"
        _ = try c.call("system.backup", ["path": .string(backup)])
        daemon.stop()
        #expect(try CommandResult.run(binary, ["restore", backup, "--db", daemon.databasePath]).status == 0)
        #expect(try CommandResult.run(binary, ["prune-usage", "--before", "2020-01-01T00:00:00Z", "--db", daemon.databasePath]).status == 0)
        let exported = try CommandResult.run(binary, ["export", "audit", "--db", daemon.databasePath])
        #expect(exported.status == 0, "\(exported.error)")
        let rows = exported.output.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(rows.map { $0["method"]?.stringValue ?? "" } == ["credits.grant", "plans.upsert", "cli.restore", "cli.prune_usage"])
        #expect(rows[1]["targets"]?["plan_id"] == "team")
        #expect(rows[2]["actor"] == "cli" && rows[2]["uid"] == .int(Int64(getuid())))
        #expect(rows.map { $0["id"] } == [1, 2, 3, 4])
        let csv = try CommandResult.run(binary, ["export", "audit", "--format", "csv", "--db", daemon.databasePath])
        #expect(csv.output.hasPrefix("id,at,method,actor,uid,pid,request_id,user_id,targets,params_digest,outcome,error_code,detail\n"))
        #expect(try CommandResult.run(binary, ["verify", "--db", daemon.databasePath]).status == 0)
    }
}
