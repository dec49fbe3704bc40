import BillingClient
import BillingProtocol
import BillingServer
import BillingStore
import BillingTesting
import Foundation
import Testing

/// The system and plans methods through the real socket.
@Suite(.serialized) struct SystemSocketTests {
    @Test func healthMethodsStatsAndMigrations() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        let health = try c.call("system.health")
        #expect(health["status"] == "ok")
        #expect(health["schema_version"] == .int(Int64(Schema.migrations.last!.version)))
        #expect(health["version"]?.stringValue == BillingServer.version)
        // The start-up probe's connection closes on its own schedule: wait until only this one is open.
        for _ in 0..<200 where try c.call("system.stats")["open_connections"]?.int64Value != 1 {
            try await Task.sleep(for: .milliseconds(10))
        }
        let methods = try #require(try c.call("system.methods")["methods"]?.arrayValue)
        #expect(methods == MethodCatalog.all.map(\.json))
        _ = try? c.call("nope.nope")
        let stats = try c.call("system.stats")
        #expect(stats["requests"]?["system.health"] == 1)
        #expect(stats["requests"]?["(unknown)"] == 1)
        #expect(stats["errors"]?["method_not_found"] == 1)
        #expect(stats["open_connections"] == 1)
        let migrations = try c.call("system.migrations")
        #expect(migrations["applied"]?.arrayValue?.map { $0["version"] } == Schema.migrations.map { .int(Int64($0.version)) })
        #expect(migrations["pending"] == [])
        try await daemon.stop()
    }

    @Test func everyCatalogMethodHasAHandler() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        for method in MethodCatalog.all {
            do {
                _ = try c.call(method.name)
            } catch let error as RPCError {
                #expect(error.code != .methodNotFound, "\(method.name) is in the catalog but not served")
            }
        }
        try await daemon.stop()
    }

    @Test func plansUpsertValidatesAndPersists() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        let plan = try c.call("plans.upsert", ["id": "team", "name": "Team", "price": "49.5", "credits_per_period": 5000,
                                               "currency": "EUR", "sort_order": 4, "lemon_squeezy_variant_id": "v-team"])
        #expect(plan["price"] == "49.50")
        #expect(plan["currency"] == "EUR")
        #expect(plan["requests_per_minute"] == 5)
        #expect(try c.call("plans.get", ["plan_id": "team"]) == plan)
        #expect(try c.call("plans.list")["plans"]?.arrayValue?.count == 5)
        // Updates keep what is not given.
        let updated = try c.call("plans.upsert", ["id": "team", "name": "Team 2", "price": 50, "is_active": false])
        #expect(updated["credits_per_period"] == 5000 && updated["price"] == "50.00" && updated["is_active"] == false)
        #expect(try c.call("plans.list")["plans"]?.arrayValue?.count == 4)
        #expect(try c.call("plans.list", ["include_inactive": true])["plans"]?.arrayValue?.count == 5)
        let bad: [(JSONObject, String)] = [
            (["id": "Bad Id", "name": "x", "price": 1], "id"),
            (["id": "x", "name": "x", "price": -1], "price"),
            (["id": "x", "name": "x", "price": "1.999"], "price"),
            (["id": "x", "name": "x", "price": 1, "currency": "usd"], "currency"),
            (["id": "x", "name": "x", "price": 1, "billing_interval": "fortnight"], "billing_interval"),
            (["id": "x", "name": "x", "price": 1, "requests_per_hour": -1], "requests_per_hour"),
        ]
        for (params, field) in bad {
            #expect(throws: RPCError.self) { try c.call("plans.upsert", params) }
            do { _ = try c.call("plans.upsert", params) } catch let error as RPCError {
                #expect(error.code == .invalidParams && error.details["field"]?.stringValue == field)
            }
        }
        do {
            _ = try c.call("plans.upsert", ["id": "other", "name": "O", "price": 1, "lemon_squeezy_variant_id": "v-team"])
            Issue.record("a duplicate variant id was accepted")
        } catch let error as RPCError {
            #expect(error.code == .alreadyExists)
        }
        do {
            _ = try c.call("plans.get", ["plan_id": "missing"])
            Issue.record("missing plan found")
        } catch let error as RPCError {
            #expect(error.code == .notFound)
        }
        #expect(try c.call("plans.list", ["include_inactive": true])["plans"]?.arrayValue?.count == 5)
        try await daemon.stop()
    }

    @Test(.enabled(if: !TestStore.isPostgres, "system.backup copies the embedded store only (PostgreSQL answers 1010, checked in BillingClientTests)"))
    func backupWhileServingIsConsistent() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        _ = try c.call("subscriptions.create", ["user_id": "b1", "plan_id": "pro"])
        _ = try c.call("credits.consume", ["user_id": "b1", "amount": 7])
        let path = daemon.directory + "/copy.sqlite3"
        let answer = try c.call("system.backup", ["path": .string(path)])
        #expect(answer["path"]?.stringValue == path)
        #expect((answer["bytes"]?.int64Value ?? 0) > 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: RPCError.self) { try c.call("system.backup", ["path": .string(path)]) }
        // The copy opens as a database on its own, with the same balance.
        var options = TestDaemon.Options()
        options.directory = try TemporaryDirectory.make()
        try FileManager.default.copyItem(atPath: path, toPath: options.directory! + "/b.sqlite3")
        let restored = try await TestDaemon.start(options)
        #expect(try restored.call("credits.get", ["user_id": "b1"])["current_credits"] == 993)
        #expect(try restored.call("system.verify")["ok"] == true)
        try await restored.stop()
        try await daemon.stop()
    }

    @Test func clockMethodsNeedTheTestClock() async throws {
        var options = TestDaemon.Options()
        options.testClock = false
        let daemon = try await TestDaemon.start(options)
        let c = try daemon.connect()
        #expect(try c.call("system.clock")["test_clock"] == false)
        for (method, params) in [("system.clock.advance", ["ms": 1000]), ("system.clock.set", ["now": "2030-01-01T00:00:00Z"])] as [(String, JSONObject)] {
            do {
                _ = try c.call(method, params)
                Issue.record("\(method) worked without --test-clock")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
            }
        }
        try await daemon.stop()
    }
}
