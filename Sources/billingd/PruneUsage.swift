import ArgumentParser
import BillingCore
import BillingProtocol
import BillingStore
import Foundation

/// `billingd prune-usage --before T`: deletes old usage rows (the daemon must be stopped),
/// keeping per-user totals in `usage_pruned` so balances and `verify` still add up.
struct PruneUsage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune-usage", abstract: "Delete usage rows older than --before, keeping totals (daemon stopped; export first).")

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Delete rows created before this time (RFC 3339).", valueName: "time"))
    var before: String

    func validate() throws {
        guard Timestamp(rfc3339: before) != nil else { throw ValidationError("--before must be RFC 3339") }
    }

    func run() throws {
        do {
            let storage = try database.location().open(now: BillingClock.systemNow().milliseconds)
            defer { storage.close() }
            let cut = Timestamp(rfc3339: before)!
            let report = try storage.writer.perform { db in
                let report = try Retention.pruneUsage(db, before: cut)
                try AuditLog.command(db, "prune_usage", detail: "pruned \(report.rows) usage rows of \(report.users) users created before \(cut.rfc3339)",
                                     at: BillingClock.systemNow())
                return report
            }
            let problems = try storage.readers.perform { try $0.problems() }
            guard problems.isEmpty else { throw ValidationError("verify after prune: \(problems.prefix(3))") }
            print("pruned \(report.rows) usage rows of \(report.users) users created before \(cut.rfc3339)")
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
