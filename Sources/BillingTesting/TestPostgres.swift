import BillingPostgres
import Foundation

/// The PostgreSQL server of a test process: `BILLINGD_TEST_POSTGRES_URL` when set (scripts/test
/// starts one cluster for the whole run), else a throw-away cluster this process starts with
/// `scripts/postgres-cluster` on first use and stops at exit. Without PostgreSQL installed the
/// tests that need it fail (they never skip): `scripts/setup` installs it.
public enum TestPostgres {
    /// The server's URL (its `postgres` database).
    public static func server() throws -> PostgresURL {
        try started.get()
    }

    /// A new, empty database on the server, named uniquely; `drop(_:)` removes it.
    public static func freshDatabase() throws -> PostgresURL {
        let server = try server()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresSession.connect(server)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return server.with(database: name)
    }

    /// Drops a database made by `freshDatabase()`, closing whatever sessions it still has.
    public static func drop(_ database: PostgresURL) {
        guard let server = try? server(), let admin = try? PostgresSession.connect(server) else { return }
        defer { admin.close() }
        try? admin.execute("DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)")
    }

    /// Runs `scripts/postgres-cluster COMMAND DIRECTORY` (start, stop, url) and returns what it
    /// printed: for tests that stop and restart a server of their own.
    @discardableResult
    public static func cluster(_ command: String, _ directory: String) throws -> String {
        let result = try CommandResult.run(script, [command, directory])
        guard result.status == 0 else {
            throw ClusterFailure(description: "scripts/postgres-cluster \(command) failed (\(result.status)): \(result.error)")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let started: Result<PostgresURL, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment["BILLINGD_TEST_POSTGRES_URL"], !url.isEmpty {
            return try PostgresURL(url)
        }
        let directory = try TemporaryDirectory.make(prefix: "pg")
        let url = try cluster("start", directory)
        clusterDirectory = directory
        atexit {
            guard let directory = clusterDirectory else { return }
            _ = try? CommandResult.run(script, ["stop", directory])
            try? FileManager.default.removeItem(atPath: directory)
        }
        return try PostgresURL(url)
    }

    /// The cluster this process started, stopped by the `atexit` handler. Written once, before
    /// the handler is registered, under `started`'s one-time initialisation.
    nonisolated(unsafe) private static var clusterDirectory: String?

    /// The repository's `scripts/postgres-cluster`, found from this source file.
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-cluster").path

    struct ClusterFailure: Error, CustomStringConvertible {
        let description: String
    }
}
