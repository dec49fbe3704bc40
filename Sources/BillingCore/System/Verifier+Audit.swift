import BillingStore

extension Verifier {
    /// The audit log is evidence only while nobody can edit it: its triggers must be in place,
    /// and its ids (AUTOINCREMENT, never reused, rolled back with their transaction) must run
    /// 1…n without a gap, so a row deleted with the triggers dropped still shows.
    static let auditChecks: [(String, String)] = [
        ("audit_log is not append-only", """
            SELECT 'trigger ' || t.name || ' is missing'
            FROM (SELECT 'audit_log_no_update' AS name UNION ALL SELECT 'audit_log_no_delete') t
            WHERE t.name NOT IN (SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log')
            """),
        ("audit_log rows are missing", """
            SELECT 'ids up to ' || s.seq || ' were assigned but ' || (SELECT count(*) FROM audit_log) || ' rows remain'
            FROM sqlite_sequence s WHERE s.name = 'audit_log' AND s.seq <> (SELECT count(*) FROM audit_log)
            """),
    ]

    /// The audit checks, on a database that has the audit log (a backup of an older schema has none yet).
    static func auditProblems(_ db: Connection) throws -> [String] {
        guard try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'") > 0 else { return [] }
        var problems: [String] = []
        for (title, sql) in auditChecks {
            for row in try db.query(sql) {
                if case .text(let detail) = row[0] { problems.append("\(title): \(detail)") }
            }
        }
        return problems
    }
}
