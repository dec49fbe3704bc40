import BillingClient
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// `billingd archive` through the real CLI on `AnalyticsSeed`'s business: the rows move into
/// checked files, every balance, total and later `usage.summary` stays exact, `verify` passes,
/// a damaged archive fails `--check`, and an archive interrupted after its files were written
/// leaves every row in place and finishes when run again. On the embedded store and on
/// PostgreSQL alike (`TestStore`): the commands get the daemon's own store arguments.
@Suite(.serialized) struct ArchiveCLITests {
    let binary = DaemonProcess.defaultBinary()
    static let cut = "2026-02-01T00:00:00Z"
    static let users = ["u1", "u2", "u3", "u4", "u9"]

    func run(_ arguments: [String]) throws -> CommandResult { try CommandResult.run(binary, arguments) }

    /// What must not change: every balance and total, and February's usage.
    func books(_ c: SocketConnection) throws -> [JSONValue] {
        try Self.users.map { user in
            var balance = try c.call("credits.get", ["user_id": .string(user)])
            balance = .object(JSONObject((balance.objectValue ?? JSONObject()).members.filter { $0.key != "grants" }.map { ($0.key, $0.value) }))
            return balance
        } + [try c.call("usage.summary", ["from": .string(Self.cut), "to": "2026-03-01T00:00:00Z", "group_by": "usage_type"])]
    }

    func seeded() throws -> (DaemonProcess, [JSONValue]) {
        let daemon = try DaemonProcess.start(binary: binary, arguments: ["--test-clock-start", AnalyticsSeed.start])
        defer { daemon.stop() }
        do {
            let c = try daemon.connect()
            try AnalyticsSeed.seed(c)
            return (daemon, try books(c))
        } catch {
            daemon.removeFiles()
            throw error
        }
    }

    /// A session on the daemon's store itself, below the CLI: to count the rows an archive
    /// moves (the socket shows only totals), and, `writing`, to inject a failure into its last
    /// transaction. (A PostgreSQL session is the same either way.)
    func session(_ daemon: DaemonProcess, writing: Bool = false) throws -> any Connection {
        try TestStore.isPostgres ? PostgresSession.connect(TestStore.postgresDatabase(in: daemon.directory))
                                 : SQLiteConnection(path: daemon.databasePath, mode: writing ? .readWrite : .readOnly)
    }

    func rows(_ daemon: DaemonProcess, _ sql: String) throws -> Int64 {
        try session(daemon).scalar(sql)
    }

    @Test func archivingMovesOldRowsAndKeepsEveryTotal() async throws {
        let (daemon, before) = try seeded()
        defer { daemon.removeFiles() }
        let store = daemon.storeArguments
        let usageBefore = try rows(daemon, "SELECT count(*) FROM usage_logs WHERE created_at < 1769904000000")
        let ledgerBefore = try rows(daemon, "SELECT count(*) FROM credit_ledger WHERE created_at < 1769904000000")
        #expect(usageBefore == 15 && ledgerBefore > 0)
        let directory = daemon.directory + "/archive-2026-01"
        let archived = try run(["archive", "--before", Self.cut, "--out", directory] + store)
        #expect(archived.status == 0, "\(archived.error)")
        #expect(archived.output.contains("archived 15 usage_logs, \(ledgerBefore) credit_ledger created before 2026-02-01T00:00:00.000Z"))
        #expect(try run(["archive", "--check", directory]).status == 0)
        #expect(try run(["verify"] + store).status == 0)

        // The manifest tells what each file holds; the files hold exactly that.
        let manifest = try JSONParser.parse(try String(contentsOfFile: directory + "/manifest.json", encoding: .utf8))
        let files = manifest["files"]?.arrayValue ?? []
        #expect(files.map { $0["name"] } == ["usage_logs.jsonl.gz", "credit_ledger.jsonl.gz"])
        #expect(files.first?["rows"] == 15 && files.first?["first_created_at"] == "2026-01-01T00:00:00.000Z")
        #expect(files.last?["rows"] == .int(ledgerBefore))
        let text = try CommandResult.run("/usr/bin/env", ["gzip", "-dc", directory + "/usage_logs.jsonl.gz"]).output
        let usageLines = text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(usageLines.count == 15 && usageLines.allSatisfy { $0["usage_id"] != nil && $0["credits_used"] != nil })

        // Old rows are gone (ledger rows replaced by carry-forward entries); the books are the same.
        #expect(try rows(daemon, "SELECT count(*) FROM usage_logs WHERE created_at < 1769904000000") == 0)
        #expect(try rows(daemon, "SELECT count(*) FROM credit_ledger WHERE created_at < 1769904000000 AND reference NOT LIKE 'archive:%'") == 0)
        let again = try DaemonProcess.start(binary: binary, directory: daemon.directory)
        let c = try again.connect()
        #expect(try books(c) == before)
        #expect(try c.call("usage.list", ["user_id": "u1"])["usage"]?.arrayValue?.count == 2)
        let ledger = try c.call("credits.ledger", ["user_id": "u1", "limit": 100])["entries"]?.arrayValue ?? []
        #expect(ledger.contains { $0["reference"]?.stringValue == "archive:\(manifest["id"]?.stringValue ?? "")" })
        #expect(try c.call("system.verify")["ok"] == true)
        let audit = try c.call("audit.list", ["method": "cli.archive"])["entries"]?.arrayValue ?? []
        #expect(audit.count == 1 && audit.first?["actor"] == "cli")
        again.stop()

        // Running it again finds the archive recorded: nothing more is deleted.
        let repeated = try run(["archive", "--before", Self.cut, "--out", directory] + store)
        #expect(repeated.status == 0 && repeated.output.contains("already archived"), "\(repeated.error)")
        // Another cut-off into the same directory is refused.
        #expect(try run(["archive", "--before", "2026-02-02T00:00:00Z", "--out", directory] + store).status == 1)
    }

    @Test func aDamagedArchiveFailsTheCheck() async throws {
        let (daemon, _) = try seeded()
        defer { daemon.removeFiles() }
        let directory = daemon.directory + "/a"
        #expect(try run(["archive", "--before", Self.cut, "--out", directory] + daemon.storeArguments).status == 0)
        let file = directory + "/credit_ledger.jsonl.gz"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: file))
        let damaged = try run(["archive", "--check", directory])
        #expect(damaged.status == 1 && damaged.error.contains("credit_ledger.jsonl.gz: SHA-256"))
        try FileManager.default.removeItem(atPath: directory + "/usage_logs.jsonl.gz")
        #expect(try run(["archive", "--check", directory]).error.contains("usage_logs.jsonl.gz: missing"))
        #expect(try run(["archive", "--check", daemon.directory + "/nothing"]).status == 1)
    }

    @Test func anInterruptedArchiveKeepsEveryRowAndResumes() async throws {
        let (daemon, before) = try seeded()
        defer { daemon.removeFiles() }
        let store = daemon.storeArguments
        // The final transaction fails after the files and the manifest were written (as a crash
        // there would): a trigger in each store's own dialect.
        let writer = try session(daemon, writing: true)
        try writer.execute(TestStore.isPostgres ? """
            CREATE FUNCTION crash_here() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
            CREATE TRIGGER crash_here BEFORE INSERT ON archives FOR EACH ROW EXECUTE FUNCTION crash_here();
            """ : "CREATE TRIGGER crash_here BEFORE INSERT ON archives BEGIN SELECT RAISE(ABORT, 'simulated crash'); END")
        let directory = daemon.directory + "/arc"
        let failed = try run(["archive", "--before", Self.cut, "--out", directory] + store)
        #expect(failed.status == 1 && failed.error.contains("simulated crash"))
        #expect(FileManager.default.fileExists(atPath: directory + "/manifest.json"))
        #expect(try rows(daemon, "SELECT count(*) FROM usage_logs WHERE created_at < 1769904000000") == 15)
        #expect(try rows(daemon, "SELECT count(*) FROM credit_ledger WHERE reference LIKE 'archive:%'") == 0)
        let firstID = try JSONParser.parse(try String(contentsOfFile: directory + "/manifest.json", encoding: .utf8))["id"]
        try writer.execute(TestStore.isPostgres ? "DROP TRIGGER crash_here ON archives; DROP FUNCTION crash_here()" : "DROP TRIGGER crash_here")
        // The same command finishes the job, under the same archive id.
        let resumed = try run(["archive", "--before", Self.cut, "--out", directory] + store)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(try JSONParser.parse(try String(contentsOfFile: directory + "/manifest.json", encoding: .utf8))["id"] == firstID)
        #expect(try run(["archive", "--check", directory]).status == 0)
        #expect(try run(["verify"] + store).status == 0)
        let again = try DaemonProcess.start(binary: binary, directory: daemon.directory)
        #expect(try books(try again.connect()) == before)
        again.stop()
    }
}
