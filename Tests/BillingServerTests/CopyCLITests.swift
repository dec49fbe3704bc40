import BillingClient
import BillingPostgres
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// `billingd copy` and store selection through the real CLI: a copy serves the same books,
/// verifies and matches; a copy into a store that holds data is refused; a difference between
/// two stores is found; `--database`, env and password files select the store as documented.
@Suite(.serialized) struct CopyCLITests {
    let binary = DaemonProcess.defaultBinary()

    func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> CommandResult {
        try CommandResult.run(binary, arguments, environment: environment)
    }

    func books(_ c: SocketConnection) throws -> [JSONValue] {
        try ["u1", "u2", "u3", "u4", "u9"].map { try c.call("credits.get", ["user_id": .string($0)]) }
            + [try c.call("usage.summary", ["from": "2026-01-01T00:00:00Z", "to": "2026-03-01T00:00:00Z", "group_by": "usage_type"]),
               try c.call("analytics.revenue", ["from": "2026-01-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"])]
    }

    @Test func aCopyServesTheSameBooksAndARepeatIsRefused() throws {
        let daemon = try DaemonProcess.start(binary: binary, arguments: ["--test-clock-start", AnalyticsSeed.start])
        defer { daemon.removeFiles() }
        let before: [JSONValue]
        do {
            let c = try daemon.connect()
            try AnalyticsSeed.seed(c)
            before = try books(c)
            // A running daemon holds the source: copying from it is refused.
            let busy = try run(["copy", "--from", daemon.databasePath, "--to", daemon.directory + "/early.sqlite3"])
            #expect(busy.status == 1 && busy.error.contains("in use by another billingd"), "\(busy.error)")
        }
        #expect(daemon.stop() == 0)

        let copy = daemon.directory + "/copy.sqlite3"
        let copied = try run(["copy", "--from", "sqlite:" + daemon.databasePath, "--to", "sqlite:" + copy])
        #expect(copied.status == 0, "\(copied.error)")
        for table in ["usage_logs", "credit_ledger", "payment_history", "audit_log"] {
            let rows = try SQLiteConnection(path: daemon.databasePath, mode: .readOnly).scalar("SELECT count(*) FROM \(table)")
            #expect(rows > 0 && copied.output.contains("copied \(rows) rows of \(table)\n"), "\(table)")
        }
        #expect(copied.output.contains("ok: \(copy) verifies and matches"))
        let again = try run(["copy", "--from", daemon.databasePath, "--to", copy])
        #expect(again.status == 1 && again.error.contains("the destination is not empty"), "\(again.error)")

        // A daemon on the copy answers exactly what the original did.
        let served = daemon.directory + "/served"
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: copy, toPath: served + "/b.sqlite3")
        let second = try DaemonProcess.start(binary: binary, directory: served, arguments: ["--test-clock-start", AnalyticsSeed.start])
        defer { _ = second.stop() }
        #expect(try books(try second.connect()) == before)
    }

    @Test func aRoundTripThroughPostgreSQLKeepsEveryBook() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = directory + "/original.sqlite3", back = directory + "/back.sqlite3"
        // An SQLite store with the seed's business.
        let source = try DaemonProcess.start(binary: binary, directory: directory, store: ["--db", original],
                                             arguments: ["--test-clock-start", AnalyticsSeed.start])
        let before: [JSONValue]
        do {
            let c = try source.connect()
            try AnalyticsSeed.seed(c)
            before = try books(c)
        }
        #expect(source.stop() == 0)
        let postgres = try TestPostgres.freshDatabase()
        defer { TestPostgres.drop(postgres) }
        let there = try run(["copy", "--from", original, "--to", postgres.description])
        #expect(there.status == 0 && there.output.contains("verifies and matches"), "\(there.error)")
        let returned = try run(["copy", "--from", postgres.description, "--to", "sqlite:" + back])
        #expect(returned.status == 0 && returned.output.contains("verifies and matches"), "\(returned.error)")
        // Daemons on the PostgreSQL copy and on the copy of the copy answer what the original did.
        for store in [["--database", postgres.description], ["--db", back]] {
            let served = try DaemonProcess.start(binary: binary, directory: directory, store: store,
                                                 arguments: ["--test-clock-start", AnalyticsSeed.start])
            defer { _ = served.stop() }
            #expect(try books(try served.connect()) == before, "\(store)")
        }
    }

    @Test func compareFindsARowThatDiffers() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let a = directory + "/a.sqlite3", b = directory + "/b.sqlite3"
        for path in [a, b] { try SQLiteDatabase(path: path, now: 0).close() }
        let source = try SQLiteConnection(path: a, mode: .readWrite)
        try source.run("INSERT INTO user_credits (user_id, created_at, updated_at) VALUES ('u', 1, 1)", [])
        let destination = try SQLiteConnection(path: b, mode: .readWrite)
        try destination.execute("BEGIN")
        _ = try StoreCopier(from: source, to: destination, pageRows: 2).copy()
        try destination.execute("COMMIT")
        #expect(try StoreCopier(from: source, to: destination).compare() == [])
        try destination.run("UPDATE user_credits SET updated_at = 2", [])
        #expect(try StoreCopier(from: source, to: destination).compare()
                == ["user_credits: the same number of rows (1) but different contents"])
        try destination.run("INSERT INTO credit_packs (variant_id, credits, created_at, updated_at) VALUES ('v', 1, 1, 1)", [])
        #expect(try StoreCopier(from: source, to: destination).compare().contains("credit_packs: 0 rows in the source, 1 in the destination"))
    }

    @Test func theStoreIsChosenByOptionThenEnvironment() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/env.sqlite3"
        #expect(try run(["migrate", "--database", "sqlite:" + path]).status == 0)
        // BILLINGD_DATABASE, then BILLINGD_DB, then DATABASE_URL.
        #expect(try run(["verify"], environment: ["BILLINGD_DATABASE": "sqlite:" + path, "DATABASE_URL": "sqlite:/nonexistent/x"]).status == 0)
        #expect(try run(["verify"], environment: ["BILLINGD_DATABASE": nil, "BILLINGD_DB": path, "DATABASE_URL": "sqlite:/nonexistent/x"]).status == 0)
        #expect(try run(["verify"], environment: ["BILLINGD_DATABASE": nil, "BILLINGD_DB": nil, "DATABASE_URL": "sqlite:" + path]).status == 0)
        let missing = try run(["verify"], environment: ["BILLINGD_DATABASE": nil, "BILLINGD_DB": nil, "DATABASE_URL": "sqlite:" + path + ".none"])
        #expect(missing.status == 2 && missing.error.contains("no database at \(path).none"))

        let both = try run(["verify", "--db", path, "--database", "sqlite:" + path])
        #expect(both.status != 0 && both.error.contains("give --db or --database, not both"))
        let scheme = try run(["verify", "--database", "mysql://root:hunter2@localhost/x"])
        #expect(scheme.status != 0 && scheme.error.contains("unknown database URL scheme") && !scheme.error.contains("hunter2"))
        let passwordFile = try run(["verify", "--database", "sqlite:" + path, "--database-password-file", "/dev/null"])
        #expect(passwordFile.status != 0 && passwordFile.error.contains("PostgreSQL --database only"))
        let backup = try run(["backup", directory + "/copy.sqlite3", "--database", "postgresql://u@/db?host=/nonexistent"])
        #expect(backup.status != 0 && backup.error.contains("embedded SQLite store only"))
    }
}
