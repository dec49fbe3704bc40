import BillingProtocol

/// `system.verify` / `billingd verify`: proves the books balance. Every check is a query whose
/// rows are problems, so the report names exactly what is wrong. Sums use `wide_sum` (128-bit,
/// exact, and 0 over no rows), so no database a client can build makes the verifier fail
/// instead of report.
public enum Verifier {
    static let checks: [(String, String)] = [
        ("balance differs from the ledger", """
            SELECT u.user_id || ': current_credits ' || u.current_credits || ' but ledger sums to ' || wide_sum(l.delta)
            FROM user_credits u LEFT JOIN credit_ledger l ON l.user_id = u.user_id
            GROUP BY u.user_id HAVING u.current_credits <> wide_sum(l.delta)
            """),
        ("balance differs from the grants", """
            SELECT u.user_id || ': current_credits ' || u.current_credits || ' but grants hold ' || wide_sum(g.remaining)
            FROM user_credits u LEFT JOIN credit_grants g ON g.user_id = u.user_id
            GROUP BY u.user_id HAVING u.current_credits <> wide_sum(g.remaining)
            """),
        ("totals do not add up", """
            SELECT user_id || ': purchased ' || total_credits_purchased || ' - used ' || total_credits_used || ' - expired '
                   || total_credits_expired || ' - revoked ' || total_credits_revoked || ' - reserved ' || reserved_credits
                   || ' <> current ' || current_credits
            FROM user_credits
            WHERE total_credits_purchased - total_credits_used - total_credits_expired - total_credits_revoked - reserved_credits
                  <> current_credits
            """),
        ("grant totals differ from the ledger", """
            SELECT u.user_id || ': total_credits_purchased ' || u.total_credits_purchased || ' but grant entries sum to '
                   || (SELECT wide_sum(delta) FROM credit_ledger l WHERE l.user_id = u.user_id AND l.kind = 'grant')
            FROM user_credits u
            WHERE u.total_credits_purchased <> (SELECT wide_sum(delta) FROM credit_ledger l WHERE l.user_id = u.user_id AND l.kind = 'grant')
            """),
        ("expired total differs from the ledger", """
            SELECT u.user_id || ': total_credits_expired ' || u.total_credits_expired || ' but expire entries sum to '
                   || (SELECT wide_sum(-delta) FROM credit_ledger l WHERE l.user_id = u.user_id AND l.kind = 'expire')
            FROM user_credits u
            WHERE u.total_credits_expired <> (SELECT wide_sum(-delta) FROM credit_ledger l WHERE l.user_id = u.user_id AND l.kind = 'expire')
            """),
        ("a grant differs from its ledger entries", """
            SELECT 'grant ' || g.id || ': remaining ' || g.remaining || ' but entries sum to ' || coalesce(l.total, 0)
            FROM credit_grants g LEFT JOIN (SELECT grant_id, wide_sum(delta) AS total FROM credit_ledger GROUP BY grant_id) l
                ON l.grant_id = g.id
            WHERE g.remaining <> coalesce(l.total, 0)
            """),
        ("reserved credits differ from held reservations", """
            SELECT u.user_id || ': reserved_credits ' || u.reserved_credits || ' but held reservations total '
                   || (SELECT wide_sum(amount) FROM credit_reservations r WHERE r.user_id = u.user_id AND r.status = 'held')
            FROM user_credits u
            WHERE u.reserved_credits <> (SELECT wide_sum(amount) FROM credit_reservations r WHERE r.user_id = u.user_id AND r.status = 'held')
            """),
        ("used total differs from usage logs", """
            SELECT u.user_id || ': total_credits_used ' || u.total_credits_used || ' but usage_logs (and pruned rows) sum to '
                   || ((SELECT wide_sum(credits_used) FROM usage_logs g WHERE g.user_id = u.user_id)
                       + coalesce((SELECT credits_used FROM usage_pruned p WHERE p.user_id = u.user_id), 0))
            FROM user_credits u
            WHERE u.total_credits_used <> (SELECT wide_sum(credits_used) FROM usage_logs g WHERE g.user_id = u.user_id)
                                          + coalesce((SELECT credits_used FROM usage_pruned p WHERE p.user_id = u.user_id), 0)
            """),
        ("more than one live subscription", """
            SELECT user_id || ': ' || count(*) || ' live subscriptions' FROM user_subscriptions
            WHERE status IN (\(SubscriptionTable.liveList)) GROUP BY user_id HAVING count(*) > 1
            """),
    ]

    /// Runs every check on `db`; an empty list means the books balance.
    public static func problems(_ db: Connection) throws -> [String] {
        var problems: [String] = []
        // SQLite's file and key checks. PostgreSQL always enforces foreign keys, and checking its
        // pages (data checksums, amcheck) is the operator's.
        if db.dialect == .sqlite {
            for row in try db.query("PRAGMA integrity_check") where row.string("integrity_check") != "ok" {
                problems.append("integrity_check: \(row.string("integrity_check"))")
            }
            for row in try db.query("PRAGMA foreign_key_check") {
                problems.append("foreign key: \(row.string("table")) row \(row.optionalInt("rowid").map(String.init) ?? "?") -> \(row.string("parent"))")
            }
        }
        for (title, sql) in checks {
            for row in try db.query(sql) {
                if case .text(let detail) = row[0] { problems.append("\(title): \(detail)") }
            }
        }
        problems += try operationsProblems(db)
        return problems
    }
}
