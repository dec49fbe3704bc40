import BillingProtocol
import BillingStore

/// Retention: deletes usage rows older than a cut-off after adding them to `usage_pruned`,
/// so every total (and `system.verify`) still adds up. Export the rows first to keep them.
public enum Retention {
    public struct Report: Sendable {
        public let rows: Int64
        public let users: Int64
    }

    public static func pruneUsage(_ db: Connection, before: Timestamp) throws -> Report {
        let cut: [SQLValue] = [.integer(before.milliseconds)]
        let rows = try db.scalar("SELECT count(*) FROM usage_logs WHERE created_at < ?", cut)
        let users = try db.scalar("SELECT count(DISTINCT user_id) FROM usage_logs WHERE created_at < ?", cut)
        try db.run("""
            INSERT INTO usage_pruned (user_id, requests, credits_used, cost_usd, pruned_before)
            SELECT user_id, count(*), sum(credits_used), coalesce(sum(cost_usd), 0), ?1 FROM usage_logs WHERE created_at < ?1 GROUP BY user_id
            ON CONFLICT (user_id) DO UPDATE SET requests = requests + excluded.requests,
                credits_used = credits_used + excluded.credits_used, cost_usd = cost_usd + excluded.cost_usd,
                pruned_before = max(pruned_before, excluded.pruned_before)
            """, cut)
        // Committed reservations keep their row but no longer point at the deleted usage row.
        try db.run("UPDATE credit_reservations SET usage_id = NULL WHERE usage_id IN (SELECT id FROM usage_logs WHERE created_at < ?)", cut)
        try db.run("DELETE FROM usage_logs WHERE created_at < ?", cut)
        return Report(rows: rows, users: users)
    }
}
