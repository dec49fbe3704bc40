import BillingClient
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// Faults (full disk, read-only database, corrupt or newer files) and the way back: backup under
/// load, restore, export.
@Suite(.serialized) struct FaultsAndRecoveryTests {
    let binary = DaemonProcess.defaultBinary()

    func run(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(binary, arguments)
    }

    @Test func aFullDiskIsATypedErrorAndTheDaemonRecovers() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "f", "amount": 100_000])
        // Cap the file at its current size: the next page SQLite needs is "disk full".
        let pages = try daemon.service.database.writer.performSQL { try $0.scalar("PRAGMA page_count") }
        try #require(daemon.sqliteDatabase).sqliteWriter.configure("PRAGMA max_page_count = \(pages)")
        // Four pipelined clients run into the full disk together: whole batches fail, and no
        // request that was answered with an error may have been applied.
        let metadata: JSONValue = ["pad": .string(String(repeating: "x", count: 2000))]
        var failure: RPCError?
        var consumed: Int64 = 0
        let clients = try (0..<4).map { _ in try daemon.connect() }
        for (n, client) in clients.enumerated() {
            var lines = ""
            for i in 0..<150 {
                lines += JSONValue.object(["id": .int(i), "method": "credits.consume",
                                           "params": ["user_id": "f", "amount": 1, "metadata": metadata, "idempotency_key": .string("f\(n)-\(i)")]]).serialized() + "\n"
            }
            try client.send(Array(lines.utf8))
        }
        for client in clients {
            for _ in 0..<150 {
                let response = try client.readJSON()
                if response["result"] != nil {
                    consumed += 1
                } else if let error = response["error"].flatMap(RPCError.init(json:)) {
                    failure = error
                }
            }
        }
        #expect(failure?.code == .internalError)
        #expect(failure?.message.contains("disk is full") == true, "\(failure?.message ?? "")")
        #expect(try c.call("credits.get", ["user_id": "f"])["total_credits_used"]?.int64Value == consumed)
        try #require(daemon.sqliteDatabase).sqliteWriter.configure("PRAGMA max_page_count = 1073741823")
        // The writer's cached account must have forgotten the rolled-back batches: the next
        // consume answers the balance the books hold.
        let after = try c.call("credits.consume", ["user_id": "f", "amount": 1, "metadata": metadata])
        let books = try c.call("credits.get", ["user_id": "f"])
        #expect(books["total_credits_used"]?.int64Value == consumed + 1)
        #expect(after["current_credits"] == books["current_credits"] && books["current_credits"]?.int64Value == 100_000 - consumed - 1)
        #expect(try c.call("system.verify")["ok"] == true)
        try await daemon.stop()
    }

    @Test func aReadOnlyDatabaseIsATypedErrorAndTheDaemonRecovers() async throws {
        let daemon = try await TestDaemon.start()
        let c = try daemon.connect()
        try #require(daemon.sqliteDatabase).sqliteWriter.configure("PRAGMA query_only = ON")
        do {
            _ = try c.call("credits.grant", ["user_id": "ro", "amount": 5])
            Issue.record("a write went through a read-only database")
        } catch let error as RPCError {
            #expect(error.code == .internalError)
        }
        #expect(try c.call("plans.get", ["plan_id": "free"])["id"] == "free")
        try #require(daemon.sqliteDatabase).sqliteWriter.configure("PRAGMA query_only = OFF")
        #expect(try c.call("credits.grant", ["user_id": "ro", "amount": 5])["current_credits"] == 5)
        try await daemon.stop()
    }

    @Test func corruptNewerOrEditedDatabasesRefuseToStart() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let corrupt = directory + "/corrupt.sqlite3"
        FileManager.default.createFile(atPath: corrupt, contents: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        var result = try run(["serve", "--db", corrupt, "--socket", directory + "/a.sock"])
        #expect(result.status == 1)
        #expect(result.error.contains("not a database"), "\(result.error)")

        let newer = directory + "/newer.sqlite3"
        #expect(try run(["migrate", "--db", newer]).status == 0)
        try SQLiteConnection(path: newer, mode: .readWrite).run("INSERT INTO schema_migrations VALUES (99, 'future', 'x', 0)")
        result = try run(["serve", "--db", newer, "--socket", directory + "/b.sock"])
        #expect(result.status == 1)
        #expect(result.error.contains("newer than this billingd"), "\(result.error)")

        let edited = directory + "/edited.sqlite3"
        #expect(try run(["migrate", "--db", edited]).status == 0)
        try SQLiteConnection(path: edited, mode: .readWrite).run("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1")
        result = try run(["serve", "--db", edited, "--socket", directory + "/c.sock"])
        #expect(result.status == 1)
        #expect(result.error.contains("differs from this build"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/c.sock"))
    }

    @Test func backupUnderWriteLoadThenRestore() async throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer { daemon.removeFiles() }
        _ = try daemon.connect().call("credits.grant", ["user_id": "load", "amount": 1_000_000])
        let socket = daemon.socketPath
        let writers = Task.detached {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<4 {
                    group.addTask {
                        let c = try SocketConnection(path: socket)
                        for i in 0..<300 { _ = try c.call("credits.consume", ["user_id": "load", "amount": 1, "idempotency_key": .string("\(w)-\(i)")]) }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let copy = daemon.directory + "/during-load.sqlite3"
        _ = try daemon.connect().call("system.backup", ["path": .string(copy)])
        try await writers.value
        #expect(try run(["verify", "--db", copy]).status == 0)
        let usedInCopy = try SQLiteConnection(path: copy, mode: .readOnly).scalar("SELECT total_credits_used FROM user_credits WHERE user_id = 'load'")
        let usageInCopy = try SQLiteConnection(path: copy, mode: .readOnly).scalar("SELECT count(*) FROM usage_logs WHERE user_id = 'load'")
        #expect(usedInCopy == usageInCopy)

        // Restore needs the daemon stopped.
        #expect(try run(["restore", "--db", daemon.databasePath, copy]).status == 1)
        #expect(daemon.stop() == 0)
        let restored = try run(["restore", "--db", daemon.databasePath, copy])
        #expect(restored.status == 0, "\(restored.error)")
        let again = try DaemonProcess.start(binary: binary, directory: daemon.directory)
        #expect(try again.connect().call("credits.get", ["user_id": "load"])["total_credits_used"]?.int64Value == usedInCopy)
        #expect(try again.connect().call("system.verify")["ok"] == true)
        again.stop()
        // A damaged backup is refused and the database is left alone.
        let damaged = daemon.directory + "/damaged.sqlite3"
        FileManager.default.createFile(atPath: damaged, contents: Data(repeating: 7, count: 4096))
        #expect(try run(["restore", "--db", daemon.databasePath, damaged]).status == 1)
        #expect(try run(["verify", "--db", daemon.databasePath]).status == 0)
    }

    @Test func exportWritesJSONLAndCSV() async throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer {
            daemon.stop()
            daemon.removeFiles()
        }
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "e", "amount": 10])
        _ = try c.call("credits.consume", ["user_id": "e", "amount": 2, "category": "a, \"quoted\" one", "cost_usd": "0.5"])
        _ = try c.call("credits.consume", ["user_id": "e", "amount": 3])
        _ = try c.call("payments.record", ["user_id": "e", "amount": "9.99", "currency": "USD", "status": "completed", "payment_id": "pe"])
        let jsonl = try run(["export", "usage", "--db", daemon.databasePath])
        let lines = jsonl.output.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
        #expect(lines.count == 2)
        #expect(lines.first??["credits_used"] == 2 && lines.first??["cost_usd"] == "0.500000")
        let csv = try run(["export", "usage", "--format", "csv", "--db", daemon.databasePath])
        let rows = csv.output.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("id,usage_id,user_id,usage_type,credits_used"))
        #expect(rows[1].contains(#""a, ""quoted"" one""#))
        let payments = daemon.directory + "/payments.jsonl"
        #expect(try run(["export", "payments", "--db", daemon.databasePath, "--output", payments]).status == 0)
        #expect(try String(contentsOfFile: payments, encoding: .utf8).contains(#""payment_id":"pe""#))
        let attributes = try FileManager.default.attributesOfItem(atPath: payments)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try run(["export", "usage", "--from", "2999-01-01T00:00:00Z", "--db", daemon.databasePath]).output.isEmpty)
    }

    @Test func pruningOldUsageKeepsTheTotals() async throws {
        let daemon = try DaemonProcess.start(binary: binary)
        defer { daemon.removeFiles() }
        let c = try daemon.connect()
        _ = try c.call("credits.grant", ["user_id": "old", "amount": 100])
        _ = try c.call("credits.consume", ["user_id": "old", "amount": 4])
        let held = try c.call("credits.reserve", ["user_id": "old", "amount": 5])
        _ = try c.call("credits.commit", ["reservation_id": held["reservation_id"]!, "amount": 2])
        let start = try #require(Timestamp(rfc3339: try c.call("system.clock")["now"]?.stringValue ?? ""))
        let cut = start.adding(.day, count: 20).rfc3339
        _ = try c.call("system.clock.advance", ["ms": .int(40 * 86_400_000)])
        _ = try c.call("credits.consume", ["user_id": "old", "amount": 1])
        // While the daemon runs, the database is locked.
        #expect(try run(["prune-usage", "--before", cut, "--db", daemon.databasePath]).status == 1)
        daemon.stop()
        let pruned = try run(["prune-usage", "--before", cut, "--db", daemon.databasePath])
        #expect(pruned.status == 0, "\(pruned.error)")
        #expect(pruned.output.contains("pruned 2 usage rows of 1 users"))
        #expect(try run(["verify", "--db", daemon.databasePath]).status == 0)
        let again = try DaemonProcess.start(binary: binary, directory: daemon.directory)
        let credits = try again.connect().call("credits.get", ["user_id": "old"])
        #expect(credits["total_credits_used"] == 7 && credits["current_credits"] == 93)
        #expect(try again.connect().call("usage.list", ["user_id": "old"])["usage"]?.arrayValue?.count == 1)
        again.stop()
    }
}
