import BillingProtocol
import BillingStore

/// Everything the daemon does by itself when time passes, in one write: reservations that
/// timed out, subscription periods that ended, credits that expired, old idempotency keys.
/// Runs every second on the real clock, and inside `system.clock.advance`/`set`.
enum Scheduler {
    static func runDue(_ db: Connection, now: Timestamp) throws {
        try Reservations.expireDue(db, user: nil, now: now)
        // A period that ends can start another that also ends by `now` only for renewals
        // that catch up in one step, so one pass over the due subscriptions is enough.
        // Paused subscriptions keep their period until resumed, unless they were cancelled.
        let due = try db.query("""
            SELECT * FROM user_subscriptions
            WHERE (status IN ('trialing', 'active', 'past_due') OR (status = 'paused' AND cancel_at_period_end = 1))
              AND current_period_end <= ? ORDER BY current_period_end, id
            """, [.integer(now.milliseconds)]).map(Subscription.init(row:))
        for subscription in due {
            try Subscriptions.periodEnded(db, subscription, now: now)
        }
        try Ledger.expireDue(db, user: nil, now: now)
        try Idempotency.prune(db, now: now)
    }
}
