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
            if status {
                let report = try database.location().read { try Migrator().status($0) }
                    ?? MigrationStatus(applied: [], pending: Schema.migrations)
                for m in report.applied { print("applied  \(m.version)  \(m.name)  \(m.checksum)") }
                for m in report.pending { print("pending  \(m.version)  \(m.name)  \(m.checksum)") }
                print("schema version \(report.schemaVersion), \(report.pending.count) pending")
            } else {
                let storage = try database.location().open(now: BillingClock.systemNow().milliseconds)
                storage.close()
                print("schema version \(Schema.migrations.map(\.version).max() ?? 0): up to date")
            }
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
