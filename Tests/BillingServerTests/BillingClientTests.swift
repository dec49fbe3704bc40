import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The Swift client against a real daemon: typed calls and errors, pipelining, restarts, timeouts, retries.
@Suite(.serialized) struct BillingClientTests {
    @Test func typedCallsAndTypedErrors() async throws {
        let daemon = try await TestDaemon.start()
        let client = BillingClient(socketPath: daemon.socketPath)
        let started = try await client.createSubscription(userID: "c1", planID: "free")
        #expect(started.subscription.id.hasPrefix("sub_") && started.subscription.status == .active)
        #expect(started.credits.currentCredits == 10 && started.credits.subscriptionID == started.subscription.id)
        let used = try await client.consume(userID: "c1", amount: 3, idempotencyKey: "k1",
                                            usage: UsageFields(category: "toys", costUSD: Money(minorUnits: 1500, scale: 6)))
        #expect(used.creditsUsed == 3 && used.currentCredits == 7)
        #expect(try await client.consume(userID: "c1", amount: 3, idempotencyKey: "k1",
                                         usage: UsageFields(category: "toys", costUSD: Money(minorUnits: 1500, scale: 6))) == used)
        do {
            _ = try await client.consume(userID: "c1", amount: 3, idempotencyKey: "k1")
            Issue.record("a reused key with other params was accepted")
        } catch let error as RPCError {
            #expect(error.code == .idempotencyConflict)
        }
        let balance = try await client.credits(userID: "c1")
        #expect(balance.currentCredits == 7 && balance.totalCreditsUsed == 3 && balance.grants.count == 1)
        #expect(balance.periodEnd?.rfc3339 == "2026-02-01T00:00:00.000Z")
        let hold = try await client.reserve(userID: "c1", amount: 5)
        #expect(hold.currentCredits == 2)
        #expect(try await client.commit(reservationID: hold.reservationID, amount: 2).currentCredits == 5)
        let decision = try await client.checkRateLimit(userID: "c1")
        #expect(decision.allowed && decision.minute.remaining == 4 && decision.day?.remaining == 9)
        // The generic typed call: the same declaration the daemon routes and answers with.
        let typed = try await client.call(CreditsConsume.self, .init(userID: "c1", amount: 1, dryRun: true))
        #expect(typed.dryRun && typed.creditsUsed == 1 && typed.currentCredits == 4 && typed.userID == "c1")
        #expect(try await client.call(CreditsGet.self, .init(userID: "c1")).currentCredits == 5)
        do {
            _ = try await client.consume(userID: "c1", amount: 50)
            Issue.record("overdraw accepted")
        } catch let error as RPCError {
            #expect(error.code == .insufficientCredits && error.details["available"] == 5 && error.details["requested"] == 50)
        }
        do {
            _ = try await client.call("subscriptions.get", ["subscription_id": "nope"])
            Issue.record("missing subscription found")
        } catch let error as RPCError {
            #expect(error.code.code == 1001 && error.code.type == "not_found")
        }
        // Checked against the shared catalog before sending.
        do {
            _ = try await client.call("credits.get", ["user": "c1"])
            Issue.record("unknown param accepted")
        } catch let error as RPCError {
            #expect(error.code == .invalidParams && error.details["field"] == "user")
        }
        client.close()
        try await daemon.stop()
    }

    @Test func everyContractMethodHasACall() async throws {
        var options = TestDaemon.Options()
        options.lemonSqueezySecret = "whsec"
        let daemon = try await TestDaemon.start(options)
        let client = BillingClient(socketPath: daemon.socketPath)
        #expect(try await client.health().status == "ok")
        #expect(try await client.methods().methods.map(\.name) == MethodCatalog.all.map(\.name))
        #expect(try await client.verify().ok)
        #expect(try await client.migrations().pending.isEmpty)
        #expect(try await client.clock().testClock)
        #expect(try await client.advanceClock(milliseconds: 1000).now == Timestamp(rfc3339: "2026-01-01T00:00:01Z")!)
        #expect(try await client.setClock(Timestamp(rfc3339: "2026-01-02T00:00:00Z")!).now == Timestamp(rfc3339: "2026-01-02T00:00:00Z")!)
        var team = PlansUpsert.Parameters(id: "team", name: "Team", price: Money(minorUnits: 4900, scale: 2))
        team.creditsPerPeriod = 500
        _ = try await client.upsertPlan(team)
        #expect(try await client.plan("team").price.description == "49.00")
        #expect(try await client.plans().plans.count == 5)
        let started = try await client.createSubscription(userID: "all", planID: "team")
        let id = started.subscription.id
        #expect(started.credits.currentCredits == 500)
        #expect(try await client.subscription(id).planID == "team")
        #expect(try await client.currentSubscription(userID: "all") == started.subscription)
        #expect(try await client.subscriptions(userID: "all").subscriptions.map(\.id) == [id])
        #expect(try await client.subscriptions(status: .cancelled).subscriptions.isEmpty)
        #expect(try await client.pauseSubscription(id).status == .paused)
        #expect(try await client.resumeSubscription(id).status == .active)
        #expect(try await client.renewSubscription(id).status == .active)
        #expect(try await client.changePlan(id, to: "pro").planID == "pro")
        #expect(try await client.cancelSubscription(id).cancelAtPeriodEnd)
        var pending = PaymentsRecord.Parameters(userID: "all", amount: Money(minorUnits: 999, scale: 2), currency: "USD", status: .pending)
        pending.creditsAwarded = 5
        pending.paymentID = "pay-all"
        pending.metadata = JSONText(["note": "typed"] as JSONObject)
        let payment = try await client.recordPayment(pending)
        #expect(payment.status == .pending && payment.amount == Money(minorUnits: 999, scale: 2) && payment.processedAt == nil)
        #expect(payment.metadata == JSONText(["note": "typed"] as JSONObject))
        #expect(try await client.updatePaymentStatus("pay-all", to: .completed).status == .completed)
        #expect(try await client.payment("pay-all").creditsAwarded == 5)
        #expect(try await client.payments(userID: "all").payments.map(\.id) == ["pay-all"])
        #expect(try await client.payments(status: .refunded).payments.isEmpty)
        _ = try await client.consume(userID: "all", amount: 2)
        let held = try await client.reserve(userID: "all", amount: 3)
        try await client.release(reservationID: held.reservationID)
        #expect(try await client.ledger(userID: "all", page: PageParameters(limit: 2)).entries.count == 2)
        #expect(try await client.usage(userID: "all").usage.count == 1)
        let from = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!, to = Timestamp(rfc3339: "2027-01-01T00:00:00Z")!
        let summary = try await client.usageSummary(from: from, to: to, groupBy: .usageType)
        #expect(summary.rows.first?.creditsUsed == 2)
        #expect(try await client.upsertPack(variantID: "v-pack", credits: 50).credits == 50)
        #expect(try await client.packs().packs.count == 1)
        do {
            _ = try await client.lemonSqueezyWebhook(payload: "{}", signature: "00")
            Issue.record("a bad signature was accepted")
        } catch let error as RPCError {
            #expect(error.code == .signatureInvalid)
        }
        let revenue = try await client.revenue(from: from, to: to)
        #expect(revenue.periods.map(\.gross) == [999] && revenue.byPlan.first?.net == 999)
        #expect(try await client.subscriptionReport(from: from, to: to).byStatus.map(\.status) == [.active])
        #expect(try await client.creditFlow(from: from, to: to, groupBy: .day).periods.map(\.used).reduce(0, +) == 2)
        #expect(try await client.usageReport(from: from, to: to, groupBy: .usageType).groups.first?.requests == 1)
        #expect(try await client.topUsers(from: from, to: to).users.map(\.userID) == ["all"])
        #expect(try await client.webhookReport(from: from, to: to).rows.isEmpty)
        let audit = try await client.auditLog(AuditList.Parameters(userID: "all", page: PageParameters(limit: 1)))
        #expect(audit.entries.first?.method == "payments.update_status" && audit.nextCursor != nil)
        let stats = try await client.stats()
        #expect(stats.requests.first { $0.key == "system.health" }?.count == 1 && stats.openConnections >= 1)
        let copy = daemon.directory + "/client-backup.sqlite3"
        if TestStore.isPostgres {
            // PostgreSQL's backups are the operator's tools: a clear refusal, nothing written.
            do {
                _ = try await client.backup(to: copy)
                Issue.record("system.backup succeeded on PostgreSQL")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
            }
            #expect(!FileManager.default.fileExists(atPath: copy))
        } else {
            #expect(try await client.backup(to: copy).path == copy)
        }
        client.close()
        try await daemon.stop()
    }

    @Test func concurrentCallsArePipelinedOverOneConnection() async throws {
        let daemon = try await TestDaemon.start()
        let client = BillingClient(socketPath: daemon.socketPath)
        _ = try await client.grant(userID: "p", amount: 500)
        let results = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<200 {
                group.addTask { try await client.consume(userID: "p", amount: 1, idempotencyKey: "p\(i)").creditsUsed }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 200)
        #expect(try await client.credits(userID: "p").currentCredits == 300)
        // Connections: the start-up probe, the client's one, and this stats call.
        #expect(try daemon.call("system.stats")["total_connections"]?.int64Value == 3)
        client.close()
        try await daemon.stop()
    }

    @Test func reconnectsAfterTheDaemonRestartsAndRetriesIdempotentCalls() async throws {
        var daemon = try await TestDaemon.start()
        var options = BillingClient.Options()
        options.retries = 30
        options.retryDelay = .milliseconds(20)
        let client = BillingClient(socketPath: daemon.socketPath, options: options)
        _ = try await client.grant(userID: "r", amount: 10)
        let directory = daemon.directory
        try await daemon.stop(keepFiles: true)
        // Down: a call that carries an idempotency key waits for the daemon to come back.
        let pending = Task { try await client.consume(userID: "r", amount: 4, idempotencyKey: "after-restart") }
        try await Task.sleep(for: .milliseconds(150))
        var restart = TestDaemon.Options()
        restart.directory = directory
        daemon = try await TestDaemon.start(restart)
        #expect(try await pending.value.currentCredits == 6)
        #expect(try await client.credits(userID: "r").currentCredits == 6)
        client.close()
        try await daemon.stop()
    }

    @Test func aSilentDaemonTimesOut() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/silent.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        listen(fd, 8)
        var options = BillingClient.Options()
        options.timeout = .milliseconds(200)
        options.retries = 0
        let client = BillingClient(socketPath: path, options: options)
        await #expect(throws: BillingClientError.timedOut) { try await client.call("system.health") }
        client.close()
    }

    /// An answer with `id: null` (here `request_too_large`) reaches the call that caused it at
    /// once, and the connection keeps serving the next call in order.
    @Test func anAnswerWithANullIDReachesItsCaller() async throws {
        var daemonOptions = TestDaemon.Options()
        daemonOptions.configure = { $0.maxLineBytes = 256 }
        let daemon = try await TestDaemon.start(daemonOptions)
        var options = BillingClient.Options()
        options.timeout = .seconds(20)
        let client = BillingClient(socketPath: daemon.socketPath, options: options)
        do {
            _ = try await client.grant(userID: String(repeating: "x", count: 255), amount: 1)
            Issue.record("an over-long line was answered as a success")
        } catch let error as RPCError {
            #expect(error.code == .requestTooLarge)
        }
        #expect(try await client.health().status == "ok")
        client.close()
        try await daemon.stop()
    }

    @Test func timeoutsAreNeverRetried() {
        #expect(!BillingClientError.timedOut.isRetryable(repeatable: true))
        #expect(BillingClientError.notSent.isRetryable(repeatable: false))
        #expect(!BillingClientError.connectionLost.isRetryable(repeatable: false))
        #expect(BillingClientError.connectionLost.isRetryable(repeatable: true))
    }

    @Test func noDaemonIsCannotConnect() async throws {
        var options = BillingClient.Options()
        options.retries = 1
        options.retryDelay = .milliseconds(1)
        let client = BillingClient(socketPath: "/tmp/no-such-billingd.sock", options: options)
        do {
            _ = try await client.call("system.health")
            Issue.record("connected to nothing")
        } catch let error as BillingClientError {
            guard case .cannotConnect(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/tmp/no-such-billingd.sock")
        }
    }
}
