import BillingProtocol
import BillingServer
import BillingTesting
import Foundation
import Logging
import Synchronization
import Testing

/// `serve --log-format json`: the handler's lines, and the real daemon's stderr parsed line by line.
@Suite(.serialized) struct JSONLogTests {
    @Test func handlerWritesOneObjectPerLineWithTypedFields() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "billingd-test") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .debug
        logger[metadataKey: "instance"] = "a"
        logger.debug("request", metadata: ["method": "credits.get", "duration_us": .stringConvertible(42), "level": "shadowed",
                                           "tags": ["x", "y"], "nested": ["k": "v"]])
        logger.trace("filtered out")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(!line.contains("\n"))
        let object = try JSONParser.parse(line)
        #expect(object.objectValue?.keys.prefix(4) == ["timestamp", "level", "message", "label"])
        #expect(object["level"] == "debug")
        #expect(object["message"] == "request")
        #expect(object["label"] == "billingd-test")
        #expect(Timestamp(rfc3339: object["timestamp"]?.stringValue ?? "") != nil)
        #expect(object["method"] == "credits.get")
        #expect(object["duration_us"] == .number("42"))
        #expect(object["_level"] == "shadowed")
        #expect(object["instance"] == "a")
        #expect(object["tags"] == ["x", "y"])
        #expect(object["nested"] == ["k": "v"])
    }

    @Test func daemonLogsRequestsAsJSONWithoutParams() throws {
        let secret = "whsec-do-not-log-\(UUID().uuidString.prefix(6))"
        let daemon = try DaemonProcess.start(arguments: ["--log-format", "json", "--log-level", "debug"])
        defer { daemon.removeFiles() }
        let c = try daemon.connect()
        _ = try c.call("subscriptions.create", ["user_id": "j1", "plan_id": "free"])
        _ = try c.call("credits.consume", ["user_id": "j1", "amount": 1, "idempotency_key": .string(secret)])
        #expect(throws: RPCError.self) { try c.call("credits.consume", ["user_id": "j1", "amount": 999]) }
        #expect(throws: RPCError.self) { try c.call("webhooks.lemonsqueezy", ["payload": .string(secret), "signature": "00"]) }
        #expect(daemon.stop() == 0)

        let lines = daemon.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count > 4)
        var requests: [JSONValue] = []
        for line in lines {
            let object = try JSONParser.parse(line)
            for field in ["timestamp", "level", "message", "label"] {
                #expect(object[field]?.stringValue != nil, "\(field) missing in \(line)")
            }
            if object["method"] != nil { requests.append(object) }
        }
        #expect(!daemon.stderr.contains(secret), "params must never be logged")
        #expect(!daemon.stderr.contains("j1"), "params must never be logged")
        let consumes = requests.filter { $0["method"] == "credits.consume" }
        #expect(consumes.count == 2)
        #expect(consumes.first?["error_type"] == nil)
        #expect(consumes.first?["duration_us"]?.int64Value != nil)
        #expect(consumes.last?["error_type"] == "insufficient_credits")
        #expect(consumes.last?["message"] == "request failed")
        #expect(lines.contains { (try? JSONParser.parse($0))?["message"] == "billingd listening" })
    }

    @Test func aDaemonThatCannotStartSaysWhyInJSON() throws {
        let daemon = try DaemonProcess.start()
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let second = try CommandResult.run(DaemonProcess.defaultBinary(), [
            "serve", "--socket", daemon.socketPath, "--db", daemon.directory + "/other.sqlite3", "--log-format", "json",
        ])
        #expect(second.status == 1)
        let lines = second.error.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        let objects = try lines.map { try JSONParser.parse($0) }
        let reason = try #require(objects.last)
        #expect(reason["level"] == "critical")
        #expect(reason["message"]?.stringValue?.contains("already listening") == true)
    }
}
