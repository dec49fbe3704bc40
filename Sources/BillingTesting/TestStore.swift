import BillingPostgres
import Foundation

/// Which store the test daemons run on: `BILLINGD_TEST_STORE=postgresql` puts every
/// `TestDaemon` and `DaemonProcess` on a fresh PostgreSQL database (`TestPostgres`), so the
/// same socket suites check both stores (scripts/test runs them twice); otherwise an SQLite file.
public enum TestStore {
    public static let isPostgres = ProcessInfo.processInfo.environment["BILLINGD_TEST_STORE"] == "postgresql"

    /// The PostgreSQL database of the daemon in `directory`: created on first use, recorded in
    /// `directory/postgres-url`, the same one for a restart on that directory.
    public static func postgresDatabase(in directory: String) throws -> PostgresURL {
        let file = directory + "/postgres-url"
        if let recorded = try? String(contentsOfFile: file, encoding: .utf8) {
            return try PostgresURL(recorded.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let url = try TestPostgres.freshDatabase()
        try url.description.write(toFile: file, atomically: true, encoding: .utf8)
        return url
    }
}
