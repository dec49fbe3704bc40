import ArgumentParser
import Foundation

/// `--db` / `--database`, shared by every command that opens the store directly.
///
/// Which store, first match wins: `--db PATH`; `--database URL`; env `BILLINGD_DATABASE`;
/// env `BILLINGD_DB` (a path); env `DATABASE_URL`; `./billing.sqlite3`. `BILLINGD_DB` is
/// billingd's own setting, so it wins over the `DATABASE_URL` a host may set for other programs.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env BILLINGD_DB, default ./billing.sqlite3).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "The store as a URL: postgresql://user[:password]@host[:port]/dbname[?sslmode=…&host=/socket/dir], or sqlite:PATH (env BILLINGD_DATABASE, then DATABASE_URL).",
        valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Read the PostgreSQL password from this file (trailing newline trimmed).", valueName: "path"))
    var databasePasswordFile: String?

    func validate() throws {
        if db != nil && database != nil { throw ValidationError("give --db or --database, not both") }
    }

    /// The store these options select.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreLocation {
        if let db { return .sqlite(path: db) }
        let text = database ?? environment["BILLINGD_DATABASE"].nonEmpty
            ?? environment["BILLINGD_DB"].nonEmpty.map { "sqlite:" + $0 } ?? environment["DATABASE_URL"].nonEmpty
            ?? "sqlite:./billing.sqlite3"
        return try StoreLocation(text, passwordFile: databasePasswordFile)
    }

    /// Whether the store was named on the command line (not by env or default).
    var isExplicit: Bool { db != nil || database != nil }

    /// The SQLite file, for commands that work on the embedded store only.
    func sqlitePath(for command: String) throws -> String {
        guard case .sqlite(let path) = try location() else {
            throw ValidationError("`billingd \(command)` works on the embedded SQLite store only; on PostgreSQL use its own tools (pg_dump, pg_restore)")
        }
        return path
    }
}

extension Optional where Wrapped == String {
    /// Nil for an unset or empty environment value.
    fileprivate var nonEmpty: String? { self?.isEmpty == false ? self : nil }
}
