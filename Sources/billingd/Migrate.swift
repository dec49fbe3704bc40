import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billingd migrate [--status]`: applies pending migrations, or lists applied and pending ones.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations (or show them with --status).")

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Only report applied and pending migrations.")
    var status = false

    func run() throws {
        do {
            let location = try database.location()
            if status {
                let report = try location.read { try location.migrator.status($0) }
                    ?? MigrationStatus(applied: [], pending: location.migrator.migrations)
                for m in report.applied { print("applied  \(m.version)  \(m.name)  \(m.checksum)") }
                for m in report.pending { print("pending  \(m.version)  \(m.name)  \(m.checksum)") }
                print("schema version \(report.schemaVersion), \(report.pending.count) pending")
            } else {
                let storage = try location.open(now: BillingClock.systemNow().milliseconds)
                storage.close()
                print("schema version \(location.migrator.migrations.map(\.version).max() ?? 0): up to date")
            }
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
