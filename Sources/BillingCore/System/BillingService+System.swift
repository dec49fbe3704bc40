import BillingProtocol
import BillingStore
import Foundation

extension BillingService {
    static let systemHandlers: [String: Handler] = [
        "system.migrations": .read { _, db, _ in
            let status = try Migrator().status(db)
            return .object([
                "applied": .array(status.applied.map {
                    .object(["version": .int($0.version), "name": .string($0.name), "checksum": .string($0.checksum),
                             "applied_at": .string(Timestamp(milliseconds: $0.appliedAt).rfc3339)])
                }),
                "pending": .array(status.pending.map {
                    .object(["version": .int($0.version), "name": .string($0.name), "checksum": .string($0.checksum)])
                }),
            ])
        },
        "system.verify": .read { _, db, _ in
            let problems = try Verifier.problems(db)
            return .object(["ok": .bool(problems.isEmpty), "problems": .array(problems.map { .string($0) })])
        },
        "system.backup": .read { _, db, p in
            let path = p.requiredString("path")
            guard !FileManager.default.fileExists(atPath: path) else {
                throw BillingError(.alreadyExists, "'\(path)' already exists", details: ["field": "path"])
            }
            do {
                try db.backup(to: path)
            } catch let error as SQLiteError where error.isCannotOpen {
                throw BillingError.invalidParams(field: "path", "cannot create '\(path)'")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return .object(["path": .string(path), "bytes": .int(size)])
        },
        "system.clock.advance": .write { ctx, db, p in
            try moveClock(ctx, db, to: ctx.now.adding(milliseconds: p.requiredInt("ms")))
        },
        "system.clock.set": .write { ctx, db, p in
            let target = p.time("now")!
            guard target >= ctx.now else {
                throw BillingError.invalidParams(field: "now", "the test clock never goes backwards (it is \(ctx.now.rfc3339))")
            }
            return try moveClock(ctx, db, to: target)
        },
    ]

    /// Moves the test clock and runs what became due, in the same transaction as the move's answer.
    private static func moveClock(_ ctx: HandlerContext, _ db: Connection, to target: Timestamp) throws -> JSONValue {
        guard ctx.clock.isTest else {
            throw BillingError(.unavailable, "the test clock is disabled; start billingd with --test-clock")
        }
        let now = ctx.clock.set(target)
        try Scheduler.runDue(db, now: now)
        ctx.rateLimiter.prune(now: now)
        return .object(["now": .string(now.rfc3339)])
    }
}
