import ArgumentParser
import Foundation

/// `--db`, shared by every command that opens the database file directly.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env BILLINGD_DB, default ./billing.sqlite3).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["BILLINGD_DB"] ?? "./billing.sqlite3" }
}
