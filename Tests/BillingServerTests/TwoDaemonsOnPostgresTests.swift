import BillingClient
import BillingPostgres
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// Issue 12's acceptance test, through the real binary: two `billingd serve` processes on one
/// PostgreSQL database, 64 clients split between them spending from the same 8 users with
/// idempotency keys, and PostgreSQL restarted in the middle. Clients retry an unanswered or
/// 1010 request with the same key, on either daemon; some keys are sent to both daemons at once.
/// Afterwards the books are exact: each key changed them once, nothing was overdrawn, the usage
/// rows match, and `verify` is clean on both daemons.
@Suite(.serialized) struct TwoDaemonsOnPostgresTests {
    static let users = 8
    static let funds: Int64 = 300
    static let clients = 64
    static let requestsPerClient = 40

    @Test func twoDaemonsKeepExactBooksThroughAPostgreSQLRestart() throws {
        let directory = try TemporaryDirectory.make(prefix: "pg2")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try PostgresURL(try TestPostgres.cluster("start", directory + "/cluster"))
        defer { _ = try? TestPostgres.cluster("stop", directory + "/cluster") }
        let admin = try PostgresSession.connect(server)
        try admin.execute("CREATE DATABASE billing")
        admin.close()
        let store = ["--database", server.with(database: "billing").description]
        let daemons = try (0..<2).map { n in
            try FileManager.default.createDirectory(atPath: directory + "/d\(n)", withIntermediateDirectories: false)
            return try DaemonProcess.start(directory: directory + "/d\(n)", store: store, arguments: ["--request-timeout-ms", "60000"])
        }
        defer { for daemon in daemons { daemon.stop() } }
        let funding = try daemons[0].connect()
        for user in 0..<Self.users {
            _ = try funding.call("credits.grant", ["user_id": .string("u\(user)"), "amount": .int(Self.funds), "idempotency_key": .string("fund-\(user)")])
        }

        let results = Results()
        let group = DispatchGroup()
        for client in 0..<Self.clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                Self.spend(client: client, daemons: daemons, into: results)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        // Restart PostgreSQL while the clients spend: requests in flight get 1010 and are retried.
        Thread.sleep(forTimeInterval: 1.0)
        try TestPostgres.cluster("stop", directory + "/cluster")
        Thread.sleep(forTimeInterval: 0.5)
        try TestPostgres.cluster("start", directory + "/cluster")
        group.wait()

        let outcome = results.snapshot()
        for daemon in daemons {
            let log = daemon.stderr
            let crash = log.range(of: "Fatal error")?.lowerBound ?? log.range(of: "💣")?.lowerBound ?? log.startIndex
            #expect(daemon.process.isRunning, "a daemon died: \(log[crash...].prefix(4000))")
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(3))")
        #expect(outcome.unavailable > 0, "the restart was never seen by a client: the test did not test it")
        #expect(outcome.doubleAnswers.isEmpty, "a key sent to both daemons got two different answers: \(outcome.doubleAnswers.prefix(3))")
        // A reader session the restart closed answers 1010 once, then reconnects: read as a client would.
        let c = try daemons[1].connect()
        func read(_ method: String, _ params: JSONObject = [:]) throws -> JSONValue {
            for _ in 0..<100 {
                do {
                    return try c.call(method, params)
                } catch let error as RPCError where error.code == .unavailable {
                    usleep(50_000)
                }
            }
            return try c.call(method, params)
        }
        var used: Int64 = 0
        for user in 0..<Self.users {
            let balance = try read("credits.get", ["user_id": .string("u\(user)")])
            let spent = Int64(outcome.spent[user, default: 0])
            #expect(balance["total_credits_used"]?.int64Value == spent, "u\(user)")
            #expect(balance["current_credits"]?.int64Value == Self.funds - spent, "u\(user)")
            #expect((balance["current_credits"]?.int64Value ?? -1) >= 0)
            used += spent
        }
        // Every credit was asked for more than once over, so all of it went: no key was lost either.
        #expect(used == Int64(Self.users) * Self.funds)
        let usage = try read("usage.summary", ["from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z", "group_by": "usage_type"])
        #expect(usage["rows"]?.arrayValue?.reduce(0) { $0 + ($1["requests"]?.int64Value ?? 0) } == used)
        #expect(try read("system.verify")["ok"] == true)
        // The other daemon too (its reader sessions were closed by the restart as well).
        let first = try daemons[0].connect()
        var verified: JSONValue?
        for _ in 0..<100 where verified == nil {
            verified = try? first.call("system.verify")
            if verified == nil { usleep(50_000) }
        }
        #expect(verified?["ok"] == true)
    }

    /// One client: `requestsPerClient` consumes of 1 credit, each with its own key, retried with
    /// the same key (alternating daemons) until it is answered with a result or 1004.
    static func spend(client: Int, daemons: [DaemonProcess], into results: Results) {
        let user = client % users
        var connections: [SocketConnection?] = [nil, nil]
        func call(_ daemon: Int, _ params: JSONObject) -> JSONValue? {
            do {
                if connections[daemon] == nil { connections[daemon] = try daemons[daemon].connect() }
                return try connections[daemon]!.call("credits.consume", params)
            } catch let error as RPCError {
                return .object(["error": .int(Int64(error.code.code))])
            } catch {
                connections[daemon] = nil
                return nil
            }
        }
        for request in 0..<requestsPerClient {
            let params: JSONObject = ["user_id": .string("u\(user)"), "amount": 1, "idempotency_key": .string("c\(client)-r\(request)")]
            var daemon = client % 2
            for attempt in 0..<400 {
                // Every fifth key goes to both daemons at once on its first attempt.
                if attempt == 0 && request % 5 == 0 {
                    let other = JSONValueBox()
                    let otherDaemon = 1 - daemon
                    let sent = Thread {
                        other.value = (try? daemons[otherDaemon].connect().call("credits.consume", params)) ?? nil
                        other.ready.signal()
                    }
                    sent.start()
                    let mine = call(daemon, params)
                    other.ready.wait()
                    if let a = mine?["usage_id"], let b = other.value?["usage_id"], a != b { results.doubleAnswer("\(params)") }
                }
                let answer = call(daemon, params)
                if let answer, answer["usage_id"] != nil {
                    results.spent(user)
                    break
                }
                if answer?["error"]?.int64Value == 1004 { break }
                if let code = answer?["error"]?.int64Value, code != 1010, code != 1009 {
                    results.fail("c\(client)-r\(request): error \(code)")
                    break
                }
                if answer != nil { results.unavailable() }
                if attempt == 399 { results.fail("c\(client)-r\(request): never answered") }
                daemon = 1 - daemon
                usleep(20_000)
            }
        }
    }

    /// What the clients saw, gathered under a lock.
    final class Results: @unchecked Sendable {
        // @unchecked: every member is read and written under `lock`.
        private let lock = NSLock()
        private var spentByUser: [Int: Int] = [:]
        private var failed: [String] = []
        private var unavailableCount = 0
        private var doubles: [String] = []

        func spent(_ user: Int) { lock.withLock { spentByUser[user, default: 0] += 1 } }
        func fail(_ message: String) { lock.withLock { failed.append(message) } }
        func unavailable() { lock.withLock { unavailableCount += 1 } }
        func doubleAnswer(_ message: String) { lock.withLock { doubles.append(message) } }

        func snapshot() -> (spent: [Int: Int], failures: [String], unavailable: Int, doubleAnswers: [String]) {
            lock.withLock { (spentByUser, failed, unavailableCount, doubles) }
        }
    }

    /// The answer of a call made on another thread.
    final class JSONValueBox: @unchecked Sendable {
        // @unchecked: `value` is written once, before `ready` is signalled, and read only after `wait()`.
        var value: JSONValue?
        let ready = DispatchSemaphore(value: 0)
    }
}
