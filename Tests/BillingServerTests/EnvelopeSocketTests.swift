import BillingClient
import BillingProtocol
import BillingServer
import BillingTesting
import Foundation
import Testing

/// CONTRACT sections 1-2 through the real socket: every envelope error, batches, notifications.
@Suite(.serialized) struct EnvelopeSocketTests {
    func withDaemon(_ configure: @escaping @Sendable (inout ServerConfiguration) -> Void = { _ in },
                    _ body: (TestDaemon) throws -> Void) async throws {
        var options = TestDaemon.Options()
        options.configure = configure
        let daemon = try await TestDaemon.start(options)
        do {
            try body(daemon)
        } catch {
            try await daemon.stop()
            throw error
        }
        try await daemon.stop()
    }

    func errorOf(_ response: JSONValue) -> (code: Int64?, type: String?) {
        (response["error"]?["code"]?.int64Value, response["error"]?["data"]?["type"]?.stringValue)
    }

    @Test func plansListReturnsTheFourDefaultPlans() async throws {
        try await withDaemon { daemon in
            let plans = try #require(try daemon.call("plans.list")["plans"]?.arrayValue)
            let summary = plans.map { plan in
                [plan["id"], plan["price"], plan["credits_per_period"], plan["requests_per_minute"], plan["requests_per_hour"],
                 plan["currency"], plan["billing_interval"]].map { $0?.serialized() ?? "-" }.joined(separator: " ")
            }
            #expect(summary == [
                #""free" "0.00" 10 5 50 "USD" "month""#,
                #""basic" "9.99" 100 20 500 "USD" "month""#,
                #""pro" "29.99" 1000 50 2000 "USD" "month""#,
                #""enterprise" "99.99" 10000 100 10000 "USD" "month""#,
            ])
        }
    }

    @Test func badJSONIsAParseErrorWithNullID() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: #"{"jsonrpc":"2.0","id":1,"method":"plans.list""#)
            let response = try c.readJSON()
            #expect(errorOf(response) == (-32700, "parse_error"))
            #expect(response["id"] == .null)
            // The connection stays usable.
            #expect(try c.call("system.health")["status"] == "ok")
        }
    }

    @Test func invalidUTF8IsAParseError() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(Array(#"{"id":1,"method":"plans.get","params":{"plan_id":""#.utf8) + [0xFF, 0xFE] + Array("\"}}\n".utf8))
            #expect(errorOf(try c.readJSON()) == (-32700, "parse_error"))
        }
    }

    @Test(arguments: [
        (#"42"#, "invalid_request"), (#""text""#, "invalid_request"), (#"{"id":1}"#, "invalid_request"),
        (#"{"jsonrpc":"1.0","id":1,"method":"plans.list"}"#, "invalid_request"),
        (#"{"id":1,"method":"plans.list","params":[1]}"#, "invalid_params"),
    ])
    func notARequest(_ line: String, _ type: String) async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: line)
            #expect(errorOf(try c.readJSON()).type == type)
        }
    }

    @Test func unknownMethodIsMethodNotFound() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: #"{"jsonrpc":"2.0","id":"a","method":"credits.steal"}"#)
            let response = try c.readJSON()
            #expect(errorOf(response) == (-32601, "method_not_found"))
            #expect(response["id"] == "a")
        }
    }

    @Test func unknownAndMistypedParamsNameTheField() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: #"{"id":1,"method":"plans.get","params":{"plan_id":"free","plan":"x"}}"#)
            var response = try c.readJSON()
            #expect(errorOf(response) == (-32602, "invalid_params"))
            #expect(response["error"]?["data"]?["field"] == "plan")
            try c.send(line: #"{"id":2,"method":"plans.get","params":{"plan_id":5}}"#)
            response = try c.readJSON()
            #expect(errorOf(response) == (-32602, "invalid_params"))
            #expect(response["error"]?["data"]?["field"] == "plan_id")
            try c.send(line: #"{"id":3,"method":"plans.get"}"#)
            #expect(try c.readJSON()["error"]?["data"]?["field"] == "plan_id")
        }
    }

    @Test func oversizedLineIsRejectedAndTheConnectionStaysUsable() async throws {
        try await withDaemon({ $0.maxLineBytes = 1000 }) { daemon in
            let c = try daemon.connect()
            let big = #"{"id":1,"method":"plans.get","params":{"plan_id":""# + String(repeating: "x", count: 5000) + #""}}"#
            try c.send(line: big)
            let response = try c.readJSON()
            #expect(errorOf(response) == (-32600, "request_too_large"))
            #expect(try c.call("plans.get", ["plan_id": "pro"])["id"] == "pro")
            // A long line that arrives in pieces is rejected once, then the next line is served.
            try c.send(Array(String(repeating: "y", count: 3000).utf8))
            try c.send(Array(String(repeating: "y", count: 3000).utf8))
            try c.send(line: "")
            #expect(errorOf(try c.readJSON()).type == "request_too_large")
            #expect(try c.call("system.health")["status"] == "ok")
        }
    }

    @Test func batchesAnswerEachElementInOrder() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: #"[{"id":1,"method":"plans.get","params":{"plan_id":"free"}},{"method":"plans.list"},{"id":2,"method":"nope"},7]"#)
            let answers = try #require(try c.readJSON().arrayValue)
            #expect(answers.count == 3)
            #expect(answers[0]["id"] == 1 && answers[0]["result"]?["id"] == "free")
            #expect(answers[1]["id"] == 2 && errorOf(answers[1]).type == "method_not_found")
            #expect(answers[2]["id"] == .null && errorOf(answers[2]).type == "invalid_request")
        }
    }

    @Test func emptyBatchIsOneInvalidRequest() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(line: "[]")
            let response = try c.readJSON()
            #expect(response.arrayValue == nil)
            #expect(errorOf(response) == (-32600, "invalid_request"))
        }
    }

    @Test func notificationsGetNoLine() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            // A notification, a batch of notifications, then a request: the first line back is the request's.
            try c.send(line: #"{"jsonrpc":"2.0","method":"credits.grant","params":{"user_id":"n1","amount":5}}"#)
            try c.send(line: #"[{"method":"plans.list"},{"method":"system.health"}]"#)
            try c.send(line: #"{"jsonrpc":"2.0","method":"plans.get","params":["free"]}"#)
            try c.send(line: #"{"jsonrpc":"2.0","method":"no.such.method"}"#)
            try c.send(line: #"{"id":"last","method":"credits.get","params":{"user_id":"n1"}}"#)
            let response = try c.readJSON()
            #expect(response["id"] == "last")
            // The notification was executed.
            #expect(response["result"]?["current_credits"] == 5)
        }
    }

    @Test func framingAcceptsCRLFAndIgnoresEmptyLines() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(Array("\n\r\n   \n{\"id\":1,\"method\":\"system.health\"}\r\n".utf8))
            #expect(try c.readJSON()["id"] == 1)
        }
    }

    @Test func pipelinedResponsesComeBackInRequestOrder() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            var lines = ""
            for i in 0..<300 {
                // Writes, reads and server-answered methods interleaved: they finish out of order inside.
                switch i % 3 {
                case 0: lines += #"{"id":\#(i),"method":"credits.grant","params":{"user_id":"p","amount":1}}"# + "\n"
                case 1: lines += #"{"id":\#(i),"method":"plans.list"}"# + "\n"
                default: lines += #"{"id":\#(i),"method":"system.health"}"# + "\n"
                }
            }
            try c.send(Array(lines.utf8))
            for i in 0..<300 {
                let response = try c.readJSON()
                #expect(response["id"] == .int(i))
                #expect(response["error"] == nil)
            }
            #expect(try c.call("credits.get", ["user_id": "p"])["current_credits"] == 100)
        }
    }

    /// Many connections' pipelines at once: their answers come back from shared group commits in
    /// batches per event loop, yet each connection gets its own answers, in order, each read
    /// seeing at least every earlier write of its connection; `system.stats` sums every loop's counts.
    @Test func concurrentPipelinesKeepOrderAndReadYourWrites() async throws {
        try await withDaemon { daemon in
            let connections = try (0..<12).map { _ in try daemon.connect() }
            for (k, c) in connections.enumerated() {
                var lines = ""
                for j in 0..<30 {
                    let method = j % 2 == 0 ? "credits.grant" : "credits.get"
                    let amount = j % 2 == 0 ? #","amount":1"# : ""
                    lines += #"{"id":\#(j),"method":"\#(method)","params":{"user_id":"fan-\#(k)"\#(amount)}}"# + "\n"
                }
                try c.send(Array(lines.utf8))
            }
            for c in connections {
                for j in 0..<30 {
                    let response = try c.readJSON()
                    #expect(response["id"] == .int(Int64(j)))
                    #expect(response["error"] == nil)
                    // At least every earlier grant of its connection; later ones may share their commit.
                    if j % 2 == 1, let credits = response["result"]?["current_credits"]?.int64Value {
                        #expect(credits >= Int64(j + 1) / 2 && credits <= 15)
                    } else if j % 2 == 1 {
                        Issue.record("credits.get answered without current_credits: \(response)")
                    }
                }
            }
            let stats = try connections[0].call("system.stats")
            #expect(stats["requests"]?["credits.grant"] == 180)
            #expect(stats["requests"]?["credits.get"] == 180)
            #expect(stats["latency_us"]?["count"] == 360)
        }
    }

    @Test func lastLineWithoutNewlineIsAnsweredBeforeClose() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            try c.send(Array(#"{"id":9,"method":"system.health"}"#.utf8))
            c.shutdownWrite()
            #expect(try c.readJSON()["id"] == 9)
            #expect(try c.readLine() == nil)
        }
    }

    @Test func idTypesAreEchoed() async throws {
        try await withDaemon { daemon in
            let c = try daemon.connect()
            for id in [#""s""#, "12", "-1.5", "null"] {
                try c.send(line: #"{"jsonrpc":"2.0","id":\#(id),"method":"system.health"}"#)
                #expect(try c.readJSON()["id"]?.serialized() == id)
            }
        }
    }

    @Test func socketFileIsPrivate() async throws {
        try await withDaemon { daemon in
            let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }
}
