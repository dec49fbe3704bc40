extension Verifier {
    /// Checks of the operators' tables (issue 14), each run only when its table exists (a
    /// backup of an older schema has none yet): `(table, title, query whose rows are problems)`.
    ///
    /// The audit log and the ledger are evidence only while nobody can edit them: their triggers
    /// must be in place, and the audit log's ids (AUTOINCREMENT, never reused, rolled back with
    /// their transaction) must run 1…n without a gap, so a row deleted with the triggers dropped
    /// still shows. Archived ledger rows live on as carry-forward rows that name their archive.
    /// PostgreSQL draws ids from a sequence, which a rollback does not give back: there, gaps are
    /// normal and only the triggers (which also refuse TRUNCATE) guard the audit log.
    static func operationsChecks(_ dialect: SQLDialect) -> [(String, String, String)] {
        [
            ("audit_log", "append-only trigger missing", """
                SELECT 'trigger ' || t.name || ' is missing'
                FROM (SELECT 'audit_log_no_update' AS name UNION ALL SELECT 'audit_log_no_delete'
                      UNION ALL SELECT 'credit_ledger_no_update' UNION ALL SELECT 'credit_ledger_no_delete') t
                WHERE t.name NOT IN (\(SchemaCatalog.activeTriggers(dialect)))
                """),
            ("archives", "carry-forward ledger row of an unknown archive", """
                SELECT 'ledger row ' || id || ' (' || reference || ')' FROM credit_ledger
                WHERE reference LIKE 'archive:%' AND substr(reference, 9) NOT IN (SELECT id FROM archives)
                """),
        ] + (dialect == .sqlite ? [
            ("audit_log", "audit_log rows are missing", """
                SELECT 'ids up to ' || s.seq || ' were assigned but ' || (SELECT count(*) FROM audit_log) || ' rows remain'
                FROM sqlite_sequence s WHERE s.name = 'audit_log' AND s.seq <> (SELECT count(*) FROM audit_log)
                """),
        ] : [])
    }

    static func operationsProblems(_ db: Connection) throws -> [String] {
        var problems: [String] = []
        for (table, title, sql) in operationsChecks(db.dialect) {
            guard try SchemaCatalog.tableExists(db, table) else { continue }
            for row in try db.query(sql) {
                if case .text(let detail) = row[0] { problems.append("\(title): \(detail)") }
            }
        }
        return problems
    }
}
