import BillingProtocol
import Foundation

extension BillingService {
    static let systemHandlers: [Handler] = [
        .method(SystemMigrations.self) { ctx, db, _ in try ctx.migrations(db) },
        .method(SystemVerify.self) { _, db, _ in VerifyReport(problems: try db.problems()) },
        .method(SystemBackup.self) { _, db, p in
            let path = p.path
            do {
                try db.backupCopy(to: path)
            } catch StoreBackupRefused.destinationExists {
                throw BillingError(.alreadyExists, "'\(path)' already exists", details: ["field": "path"])
            } catch StoreBackupRefused.notAFileStore {
                throw BillingError(.unavailable, "system.backup copies the embedded SQLite store only; back up PostgreSQL with its own tools "
                                   + "(pg_dump, pg_basebackup, pgBackRest)")
            } catch StoreBackupRefused.cannotCreate {
                throw BillingError.invalidParams(field: "path", "cannot create '\(path)'")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return BackupCopy(path: path, bytes: Int64(size))
        },
        .method(SystemClockAdvance.self) { ctx, db, p in
            // The catalog caps `ms` at 100 years, so this cannot overflow; moveClock caps the year.
            try moveClock(ctx, db, to: ctx.now.adding(milliseconds: p.milliseconds), field: "ms")
        },
        .method(SystemClockSet.self) { ctx, db, p in
            let target = p.now
            guard target >= ctx.now else {
                throw BillingError.invalidParams(field: "now", "the test clock never goes backwards (it is \(ctx.now.rfc3339))")
            }
            return try moveClock(ctx, db, to: target, field: "now")
        },
    ]

    /// The latest time the test clock may show: timestamps are RFC 3339 with four-digit years.
    static let latestClockTime = Timestamp(milliseconds: 253_402_300_799_999)  // 9999-12-31T23:59:59.999Z

    /// Moves the test clock and runs what became due, in the same transaction as the move's answer.
    /// Due items fail alone: the answer lists what was processed and what failed (and why), and
    /// the move itself always stands.
    private static func moveClock(_ ctx: HandlerContext, _ db: StoreSession, to target: Timestamp, field: String) throws -> ClockMove {
        guard ctx.clock.isTest else {
            throw BillingError(.unavailable, "the test clock is disabled; start billingd with --test-clock")
        }
        guard target <= latestClockTime else {
            throw BillingError.invalidParams(field: field, "the test clock cannot pass \(latestClockTime.rfc3339)")
        }
        let now = ctx.clock.set(target)
        let report = try Scheduler.runDue(db, now: now)
        ctx.schedulerHealth?.record(report)
        ctx.rateLimiter.prune(now: now)
        return report.clockMove(now: now)
    }
}
