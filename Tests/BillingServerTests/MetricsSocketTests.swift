import BillingClient
import BillingProtocol
import BillingServer
import BillingTesting
import Foundation
import Testing

/// `system.metrics` through the real socket: what each request, error, connection, commit and
/// webhook delivery adds to the Prometheus text, and that `system.stats` still tells the same story.
@Suite(.serialized) struct MetricsSocketTests {
    typealias Fixtures = LemonSqueezyFixtures

    func metrics(_ c: SocketConnection) throws -> PrometheusSamples {
        let answer = try c.call("system.metrics")
        #expect(answer["content_type"] == "text/plain; version=0.0.4")
        return PrometheusSamples(try #require(answer["text"]?.stringValue))
    }

    @Test func requestsErrorsLatencyAndCommitsAreCounted() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        // The start-up probe's connection closes on its own schedule: wait until only this one is open.
        var tries = 0
        while try metrics(c)["billingd_open_connections"] != 1, tries < 200 {
            tries += 1
            try await Task.sleep(for: .milliseconds(10))
        }
        _ = try c.call("subscriptions.create", ["user_id": "m1", "plan_id": "free"])
        _ = try c.call("credits.consume", ["user_id": "m1", "amount": 1])
        #expect(throws: RPCError.self) { try c.call("credits.consume", ["user_id": "m1", "amount": 500]) }
        #expect(throws: RPCError.self) { try c.call("nope.nope") }
        try c.send(line: "{not json")
        _ = try c.readLine()

        let m = try metrics(c)
        #expect(m[#"billingd_requests_total{method="credits.consume"}"#] == 2)
        #expect(m[#"billingd_request_errors_total{method="credits.consume",error_type="insufficient_credits"}"#] == 1)
        #expect(m[#"billingd_request_duration_seconds_count{method="credits.consume"}"#] == 2)
        #expect(m[#"billingd_request_duration_seconds_bucket{method="credits.consume",le="+Inf"}"#] == 2)
        #expect(m[#"billingd_requests_total{method="(unknown)"}"#] == 1)
        #expect(m[#"billingd_request_errors_total{method="(unknown)",error_type="method_not_found"}"#] == 1)
        #expect(m[#"billingd_requests_total{method="(none)"}"#] == 1)
        #expect(m[#"billingd_request_errors_total{method="(none)",error_type="parse_error"}"#] == 1)
        #expect(m[#"billingd_requests_total{method="plans.list"}"#] == 0)
        // Three state changes, each committed (the refused consume rolled back inside its batch).
        let commits = try #require(m["billingd_write_batch_size_requests_count"])
        #expect(commits >= 1)
        #expect((m["billingd_write_batch_size_requests_sum"] ?? 0) >= 3)
        #expect(m["billingd_commit_duration_seconds_count"] == commits)
        #expect(m["billingd_open_connections"] == 1)
        #expect((m["billingd_connections_total"] ?? 0) >= 1)
        #expect(m["billingd_write_queue_depth"] == 0)
        #expect((m["billingd_resident_memory_bytes"] ?? 0) > 1_000_000)
        #expect(m[#"billingd_build_info{version="\#(BillingServer.version)"}"#] == 1)
        #expect(m["billingd_scheduler_failures_total"] == 0)
        #expect(m.types["billingd_request_duration_seconds"] == "histogram")
        #expect(m.types["billingd_requests_total"] == "counter")
        #expect(m.types["billingd_open_connections"] == "gauge")
        #expect(Set(m.types.keys) == m.helped, "every family has a # HELP line")

        // The typed declaration reads the same answer.
        let client = BillingClient(socketPath: daemon.socketPath)
        let typed = try await client.call(SystemMetrics.self, NoParameters())
        client.close()
        #expect(PrometheusSamples(typed.text)[#"billingd_requests_total{method="credits.consume"}"#] == 2)

        // system.stats keeps answering from the same observations.
        let stats = try c.call("system.stats")
        #expect(stats["requests"]?["credits.consume"] == 2)
        #expect(stats["errors"]?["parse_error"] == 1)
        #expect(stats["commits"]?.int64Value == Int64(commits))
        try await daemon.stop()
    }

    @Test func webhookOutcomesAreCountedByOutcomeOrRefusal() async throws {
        var options = TestDaemon.Options()
        options.lemonSqueezySecret = Fixtures.secret
        let daemon = try await TestDaemon.start(options)
        let c = try daemon.connect()
        let payload = Fixtures.body("license_key_created", user: "w1", type: "license-keys", id: "1", attributes: [:], relationships: [])
        let answer = try c.call("webhooks.lemonsqueezy", ["payload": .string(payload), "signature": .string(Fixtures.sign(payload))])
        let outcome = try #require(answer["outcome"]?.stringValue)
        #expect(throws: RPCError.self) {
            try c.call("webhooks.lemonsqueezy", ["payload": .string(payload), "signature": .string(Fixtures.sign(payload, secret: "wrong"))])
        }
        let m = try metrics(c)
        #expect(m[#"billingd_webhook_deliveries_total{outcome="\#(outcome)"}"#] == 1)
        #expect(m[#"billingd_webhook_deliveries_total{outcome="signature_invalid"}"#] == 1)
        #expect(m.types["billingd_webhook_deliveries_total"] == "counter")
        try await daemon.stop()
    }

    @Test func schedulerRunsAreCountedOnTheRealClock() async throws {
        var options = TestDaemon.Options()
        options.testClock = false
        let daemon = try await TestDaemon.start(options)
        let c = try daemon.connect()
        // The scheduler runs once a second: wait (bounded) for its first run.
        var tries = 0
        while try metrics(c)["billingd_scheduler_runs_total"] == 0, tries < 500 {
            tries += 1
            try await Task.sleep(for: .milliseconds(20))
        }
        let m = try metrics(c)
        #expect((m["billingd_scheduler_runs_total"] ?? 0) >= 1)
        #expect(m["billingd_scheduler_failures_total"] == 0)
        for kind in ["reservation_timeout", "period_end", "grant_expiry", "idempotency_prune"] {
            #expect(m[#"billingd_scheduler_item_failures_total{kind="\#(kind)"}"#] == 0)
            #expect(m[#"billingd_scheduler_items_processed_total{kind="\#(kind)"}"#] != nil)
        }
        try await daemon.stop()
    }

    @Test func cliPrintsTheTextAndWritesItAtomically() throws {
        let binary = DaemonProcess.defaultBinary()
        let daemon = try DaemonProcess.start(binary: binary)
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        _ = try daemon.connect().call("plans.list")
        let printed = try CommandResult.run(binary, ["metrics", "--socket", daemon.socketPath])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(PrometheusSamples(printed.output)[#"billingd_requests_total{method="plans.list"}"#] == 1)
        let file = daemon.directory + "/billingd.prom"
        let written = try CommandResult.run(binary, ["metrics", "--socket", daemon.socketPath, "--output", file])
        #expect(written.status == 0 && written.output.isEmpty, "\(written.error)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(PrometheusSamples(text).types["billingd_requests_total"] == "counter")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.directory).allSatisfy { !$0.contains(".tmp.") })
        let nobody = try CommandResult.run(binary, ["metrics", "--socket", daemon.directory + "/absent.sock"])
        #expect(nobody.status == 2)
    }
}
