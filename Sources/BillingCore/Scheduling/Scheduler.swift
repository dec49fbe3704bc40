import BillingProtocol

/// Everything the daemon does by itself when time passes: reservations that timed out,
/// subscription periods that ended, credits that expired, old idempotency keys. Runs every
/// second on the real clock, and inside `system.clock.advance`/`set`.
///
/// Each due item runs in its own savepoint: one that fails (say, a renewal that would pass a
/// user's lifetime credit limit) is rolled back alone, reported with its id and reason, and
/// found due again by the next pass, while every other item is processed. Only a failure that
/// ended the whole transaction (disk full, I/O error) stops the pass: then nothing of the
/// batch was applied and the writer answers it as a whole.
enum Scheduler {
    /// The key of the transaction-scoped PostgreSQL advisory lock that one scheduler pass holds.
    static let passLock: Int64 = 0x6269_6c6c_7363_6864  // "billschd"

    /// Whether this pass should run: always on a store this daemon alone writes; on PostgreSQL
    /// only if no other daemon's pass is running (the lock is released with the transaction).
    /// Correctness does not depend on it (two passes would serialize on the rows they change);
    /// it only spares the work and the retries.
    static func mayRun(_ db: StoreSession) throws -> Bool {
        try db.claimExclusiveWork(passLock)
    }

    static func runDue(_ db: StoreSession, now: Timestamp) throws -> SchedulerReport {
        var report = SchedulerReport()
        for id in try db.credits.dueReservations(user: nil, at: now) {
            try isolated(db, .reservationTimeout, id, &report) {
                try Reservations.release(db, try Reservations.find(db, id), status: .expired, now: now)
            }
        }
        // A period that ends can start another that also ends by `now` only for renewals
        // that catch up in one step, so one pass over the due subscriptions is enough.
        // Paused subscriptions keep their period until resumed, unless they were cancelled.
        let due = try db.subscriptions.periodsEnded(by: now)
        for subscription in due {
            try isolated(db, .periodEnd, subscription.id, &report) {
                try Subscriptions.periodEnded(db, subscription, now: now)
            }
        }
        for grant in try db.credits.dueGrants(user: nil, at: now) {
            try isolated(db, .grantExpiry, String(grant.id), &report) {
                try Ledger.expire(db, grant, now: now)
            }
        }
        try isolated(db, .idempotencyPrune, "idempotency_keys", &report) {
            try Idempotency.prune(db, now: now)
        }
        return report
    }

    /// Runs one item in its own savepoint and records its outcome in `report`.
    private static func isolated(_ db: StoreSession, _ kind: SchedulerItem.Kind, _ id: String, _ report: inout SchedulerReport,
                                 _ body: () throws -> Void) throws {
        do {
            try db.savepoint("due_item", body)
            report.processed[kind, default: 0] += 1
        } catch {
            // SQLite already rolled back the whole transaction: nothing of this batch stands.
            guard db.isInTransaction else { throw error }
            report.failures.append(SchedulerFailure(item: SchedulerItem(kind: kind, id: id), error: error))
        }
    }
}
