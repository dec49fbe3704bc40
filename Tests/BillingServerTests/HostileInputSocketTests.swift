import BillingClient
import BillingProtocol
import BillingServer
import BillingTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile input through the real socket: every case gets a clear typed error (or a bounded
/// reaction) while other connections keep being served.
@Suite(.serialized) struct HostileInputSocketTests {
    func errorType(_ c: SocketConnection, _ line: String) throws -> String? {
        try c.send(line: line)
        return try c.readJSON()["error"]?["data"]?["type"]?.stringValue
    }

    func field(_ c: SocketConnection, _ method: String, _ params: String) throws -> String? {
        try c.send(line: #"{"id":1,"method":"\#(method)","params":\#(params)}"#)
        let response = try c.readJSON()
        #expect(response["error"]?["data"]?["type"] == "invalid_params", "\(params)")
        return response["error"]?["data"]?["field"]?.stringValue
    }

    @Test func malformedValuesAreTypedErrorsThatChangeNothing() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "h", "amount": 10])
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(try errorType(c, deep) == "parse_error")
        #expect(try errorType(c, #"{"id":1,"method":"credits.get","params":{"user_id":"h","x":"# + deep + "}}") == "parse_error")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":99999999999999999999999}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":9223372036854775808}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":1e400}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":-1}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":0}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":"1"}"#) == "amount")
        #expect(try field(c, "credits.consume", #"{"user_id":12,"amount":1}"#) == "user_id")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":1,"cost_usd":"0.0000001"}"#) == "cost_usd")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":1,"cost_usd":"1e999999"}"#) == "cost_usd")
        #expect(try field(c, "payments.record", #"{"user_id":"h","amount":"12.345","currency":"USD","status":"completed"}"#) == "amount")
        #expect(try field(c, "payments.record", #"{"user_id":"h","amount":"99999999999999999999","currency":"USD","status":"completed"}"#) == "amount")
        #expect(try field(c, "credits.get", #"{"user_id":"\#(String(repeating: "x", count: 256))"}"#) == "user_id")
        #expect(try field(c, "credits.get", #"{"user_id":"a\u0000b"}"#) == "user_id")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":1,"category":"a\u0000"}"#) == "category")
        #expect(try field(c, "credits.consume", #"{"user_id":"h","amount":1,"metadata":"{}"}"#) == "metadata")
        #expect(try field(c, "credits.grant", #"{"user_id":"h","amount":1,"expires_at":12}"#) == "expires_at")
        // A raw NUL byte inside a string is a control character: not JSON.
        try c.send(Array(#"{"id":1,"method":"credits.get","params":{"user_id":"a"#.utf8) + [0] + Array("\"}}\n".utf8))
        #expect(try c.readJSON()["error"]?["data"]?["type"] == "parse_error")
        // Nothing of the above changed anything.
        #expect(try c.call("credits.get", ["user_id": "h"])["current_credits"] == 10)
        #expect(try c.call("usage.list", ["user_id": "h"])["usage"] == [])
        try await daemon.stop()
    }

    @Test func overflowingTheBalanceIsRefused() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "big", "amount": .int(Int64.max)])
        do {
            _ = try c.call("credits.grant", ["user_id": "big", "amount": 1])
            Issue.record("overflow accepted")
        } catch let error as RPCError {
            #expect(error.code == .invalidParams)
        }
        #expect(try c.call("credits.get", ["user_id": "big"])["current_credits"]?.int64Value == Int64.max)
        try await daemon.stop()
    }

    @Test func slowlorisAndNonReadingClientsDoNotStopOthers() async throws {
        var options = TestDaemon.Options()
        options.configure = { $0.maxInFlightPerConnection = 8 }
        let daemon = try await TestDaemon.start(options)
        // Half a line, then silence.
        let slow = try daemon.connect()
        try slow.send(Array(#"{"id":1,"method":"system.hea"#.utf8))
        // A client that sends many requests and never reads an answer.
        // The sender thread only uses this connection; the test never touches it again.
        nonisolated(unsafe) let deaf = try daemon.connect()
        let line = Array((#"{"id":1,"method":"plans.list"}"# + "\n").utf8)
        var bytes: [UInt8] = []
        for _ in 0..<2000 { bytes += line }
        let batch = bytes
        let sender = Thread {
            // Blocks once the daemon stops reading from it; ended by the daemon's shutdown.
            try? deaf.send(batch)
            try? deaf.send(batch)
        }
        sender.start()
        try await Task.sleep(for: .milliseconds(300))
        // Everyone else is still served.
        let other = try daemon.connect()
        for _ in 0..<20 { #expect(try other.call("plans.get", ["plan_id": "pro"])["id"] == "pro") }
        // The slow client finishes its line late and is answered.
        try slow.send(line: #"lth"}"#)
        #expect(try slow.readJSON()["result"]?["status"] == "ok")
        try await daemon.stop()
    }

    @Test func aThousandConnectionsAtOnce() async throws {
        let daemon = try await TestDaemon.start()
        var connections: [SocketConnection] = []
        for _ in 0..<1000 { connections.append(try daemon.connect()) }
        for (i, c) in connections.enumerated() { try c.send(line: #"{"id":\#(i),"method":"system.health"}"#) }
        for (i, c) in connections.enumerated() { #expect(try c.readJSON()["id"] == .int(i)) }
        #expect(try daemon.call("system.stats")["open_connections"]?.int64Value ?? 0 >= 1000)
        connections.removeAll()
        try await daemon.stop()
    }

    @Test func connectionsBeyondTheLimitAreOverloadedAndClosed() async throws {
        var options = TestDaemon.Options()
        options.configure = { $0.maxConnections = 3 }
        let daemon = try await TestDaemon.start(options)
        // One connection watches until it is the only one open (the start-up probe is gone).
        let watcher = try daemon.connect()
        for _ in 0..<200 where try watcher.call("system.stats")["open_connections"]?.int64Value != 1 {
            try await Task.sleep(for: .milliseconds(10))
        }
        let kept = try (0..<2).map { _ in try daemon.connect() } + [watcher]
        for c in kept { #expect(try c.call("system.health")["status"] == "ok") }
        let refused = try daemon.connect()
        let answer = try refused.readJSON()
        #expect(answer["error"]?["data"]?["type"] == "overloaded" && answer["error"]?["code"] == 1009)
        #expect(try refused.readLine() == nil)
        try await daemon.stop()
    }

    @Test func abruptDisconnectsMidRequestLeaveTheBooksConsistent() async throws {
        let daemon = try await TestDaemon.start()
        _ = try daemon.call("credits.grant", ["user_id": "cut", "amount": 1000])
        for i in 0..<50 {
            let c = try daemon.connect()
            var lines = ""
            for j in 0..<20 { lines += #"{"id":\#(j),"method":"credits.consume","params":{"user_id":"cut","amount":1,"idempotency_key":"\#(i)-\#(j)"}}"# + "\n" }
            // Half of them end in the middle of a line; all hang up without reading.
            let bytes = Array(lines.utf8)
            try c.send(i % 2 == 0 ? bytes : Array(bytes.prefix(bytes.count - 7)))
        }
        try await Task.sleep(for: .milliseconds(200))
        let credits = try daemon.call("credits.get", ["user_id": "cut"])
        let used = try #require(credits["total_credits_used"]?.int64Value)
        #expect(credits["current_credits"]?.int64Value == 1000 - used)
        #expect(try daemon.call("system.verify")["ok"] == true)
        #expect(try daemon.call("system.health")["status"] == "ok")
        try await daemon.stop()
    }

    @Test func idleConnectionsWithAHalfLineAreClosed() async throws {
        var options = TestDaemon.Options()
        options.configure = { $0.idleTimeoutSeconds = 1 }
        let daemon = try await TestDaemon.start(options)
        let c = try daemon.connect()
        try c.send(Array(#"{"id":1,"met"#.utf8))
        // The daemon hangs up on its own: EOF, with no answer.
        #expect(try c.readLine() == nil)
        try await daemon.stop()
    }

    @Test func onlyAllowedUIDsMayConnect() async throws {
        var options = TestDaemon.Options()
        options.configure = { $0.allowedUIDs = [getuid() &+ 1] }
        let daemon = try await TestDaemon.start(options)
        let c = try daemon.connect()
        try? c.send(line: #"{"id":1,"method":"system.health"}"#)
        #expect((try? c.readLine()) ?? nil == nil)
        try await daemon.stop()

        options.configure = { $0.allowedUIDs = [getuid()] }
        let open = try await TestDaemon.start(options)
        #expect(try open.call("system.health")["status"] == "ok")
        try await open.stop()
    }
}
