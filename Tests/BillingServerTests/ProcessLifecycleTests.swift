import BillingClient
import BillingProtocol
import BillingTesting
import Foundation
import Testing

/// The real `billingd` process: signals, exit codes, the socket file and the database lock.
@Suite(.serialized) struct ProcessLifecycleTests {
    let binary = DaemonProcess.defaultBinary()

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(binary, arguments)
    }

    @Test func sigtermLeavesNoSocketAndAVerifiableDatabase() throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer { daemon.removeFiles() }
        let c = try daemon.connect()
        _ = try c.call("subscriptions.create", ["user_id": "t1", "plan_id": "basic"])
        // Requests in flight when the signal arrives are still answered.
        var lines = ""
        for i in 0..<200 { lines += #"{"id":\#(i),"method":"credits.consume","params":{"user_id":"t1","amount":1,"idempotency_key":"k\#(i)"}}"# + "\n" }
        try c.send(Array(lines.utf8))
        let first = try c.readJSON()
        #expect(first["id"] == 0)
        #expect(daemon.stop(signal: SIGTERM) == 0)
        var answered = 1
        while let line = try? c.readLine() {
            let response = try JSONParser.parse(line)
            #expect(response["result"] != nil || response["error"]?["data"]?["type"] == "insufficient_credits")
            answered += 1
        }
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(!FileManager.default.fileExists(atPath: daemon.databasePath + "-wal"))
        let verify = try run(["verify", "--db", daemon.databasePath])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
        // Every answered consume is in the database, and nothing else.
        let again = try DaemonProcess.start(binary: binary, directory: daemon.directory)
        let balance = try again.connect().call("credits.get", ["user_id": "t1"])
        #expect(balance["total_credits_used"]?.int64Value == Int64(min(answered, 100)))
        again.stop()
    }

    @Test func secondDaemonOnTheSameSocketOrDatabaseRefusesToStart() throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let sameSocket = try run(["serve", "--socket", daemon.socketPath, "--db", daemon.directory + "/other.sqlite3"])
        #expect(sameSocket.status == 1)
        #expect(sameSocket.error.contains("already listening"))
        let sameDatabase = try run(["serve", "--socket", daemon.directory + "/other.sock", "--db", daemon.databasePath])
        #expect(sameDatabase.status == 1)
        #expect(sameDatabase.error.contains("in use"))
        #expect(try daemon.connect().call("system.health")["status"] == "ok")
    }

    @Test func staleSocketFileIsReplaced() throws {
        let daemon = try DaemonProcess.start(binary: binary)
        let directory = daemon.directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        daemon.stop(signal: SIGKILL)
        #expect(FileManager.default.fileExists(atPath: daemon.socketPath))
        let again = try DaemonProcess.start(binary: binary, directory: directory)
        #expect(try again.connect().call("system.health")["status"] == "ok")
        #expect(again.stop() == 0)
    }

    @Test func refusesToReplaceAFileThatIsNotASocket() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/b.sock", contents: Data("keep me".utf8))
        let daemon = try DaemonProcess(binary: binary, directory: directory)
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 1)
        #expect(try String(contentsOfFile: directory + "/b.sock", encoding: .utf8) == "keep me")
    }

    @Test func cliCallMigrateVerifyAndBackup() throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let socket = ["--socket", daemon.socketPath]
        let created = try run(["call"] + socket + ["subscriptions.create", "user_id=cli", "plan_id=free", #"metadata:={"src":"cli"}"#])
        #expect(created.status == 0, "\(created.error)")
        #expect(try JSONParser.parse(created.output)["subscription"]?["metadata"] == ["src": "cli"])
        let consumed = try run(["call"] + socket + ["credits.consume", "user_id=cli", "amount:=4"])
        #expect(try JSONParser.parse(consumed.output)["current_credits"] == 6)
        let short = try run(["call"] + socket + ["credits.consume", "user_id=cli", "amount:=40"])
        #expect(short.status == 1)
        #expect(short.error.contains("insufficient_credits"))
        let unreachable = try run(["call", "--socket", daemon.directory + "/none.sock", "system.health"])
        #expect(unreachable.status == 2)
        let status = try run(["migrate", "--status", "--db", daemon.databasePath])
        #expect(status.output.contains("applied  1"))
        #expect(status.output.contains("0 pending"))
        let backup = try run(["backup", "--db", daemon.databasePath, daemon.directory + "/copy.sqlite3"])
        #expect(backup.status == 0, "\(backup.error)")
        #expect(try run(["verify", "--db", daemon.directory + "/copy.sqlite3"]).status == 0)
        let fresh = daemon.directory + "/fresh.sqlite3"
        #expect(try run(["migrate", "--status", "--db", fresh]).output.contains("pending  1"))
        #expect(try run(["migrate", "--db", fresh]).status == 0)
        #expect(try run(["migrate", "--status", "--db", fresh]).output.contains("0 pending"))
    }

    @Test func swiftClientExampleRunsAgainstADaemon() throws {
        let example = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("billing-client-example").path
        try #require(FileManager.default.isExecutableFile(atPath: example), "build the example first (swift build)")
        let daemon = try DaemonProcess.start(binary: binary)
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let result = try CommandResult.run(example, [daemon.socketPath])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("consumed 3, 7 left"))
        #expect(result.output.contains("refused: 7 available, 100 requested"))
    }

    @Test func protocolCatalogFileIsGeneratedFromTheCode() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let committed = try String(contentsOf: root.appendingPathComponent("Protocol/methods.json"), encoding: .utf8)
        #expect(committed == MethodCatalog.json.pretty() + "\n", "Protocol/methods.json is stale: run `billingd catalog > Protocol/methods.json`")
    }
}
