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
        // Added up in Swift with checked arithmetic (each group's sums are `wide_sum`): a total
        // that would not fit its 64-bit column refuses the prune, and nothing is deleted.
        let groups = try db.query("""
            SELECT user_id, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at < ?1 GROUP BY user_id
            """, cut)
        var rows: Int64 = 0
        for group in groups {
            rows += group.int("requests")
            let user = group.string("user_id")
            let earlier = try db.queryOne("SELECT requests, credits_used, cost_usd, pruned_before FROM usage_pruned WHERE user_id = ?",
                                          [.text(user)])
            func total(_ column: String) throws -> Int64 {
                guard let sum = Int64(exactly: group.wide(column) + Int128(earlier?.int(column) ?? 0)) else {
                    throw BillingError.invalidParams(field: "before", "cannot prune: user '\(user)''s pruned \(column) would pass 64 bits")
                }
                return sum
            }
            try db.run("""
                INSERT INTO usage_pruned (user_id, requests, credits_used, cost_usd, pruned_before) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (user_id) DO UPDATE SET requests = ?2, credits_used = ?3, cost_usd = ?4, pruned_before = ?5
                """, [.text(user), .integer(try total("requests")), .integer(try total("credits_used")), .integer(try total("cost_usd")),
                      .integer(max(before.milliseconds, earlier?.int("pruned_before") ?? Int64.min))])
        }
        // Committed reservations keep their row but no longer point at the deleted usage row.
        try db.run("UPDATE credit_reservations SET usage_id = NULL WHERE usage_id IN (SELECT id FROM usage_logs WHERE created_at < ?)", cut)
        try db.run("DELETE FROM usage_logs WHERE created_at < ?", cut)
        return Report(rows: rows, users: Int64(groups.count))
    }
}
