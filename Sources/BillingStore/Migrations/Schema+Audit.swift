extension Schema {
    /// Migration 5: the audit log (issue 14). One row per state change that is not a metered
    /// consume/reserve/commit/release: who (socket peer uid/pid, or cli/scheduler/webhook), when,
    /// which method and targets, a SHA-256 of the params, and the outcome. Append-only like the
    /// ledger; AUTOINCREMENT never reuses an id and rolls back with its transaction, so committed
    /// ids have no gaps and `verify` can see a deleted row.
    static let v5 = """
        CREATE TABLE audit_log (
            id                      INTEGER PRIMARY KEY AUTOINCREMENT,
            at                      INTEGER NOT NULL,
            method                  TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 64),
            actor                   TEXT NOT NULL CHECK (actor IN ('socket', 'cli', 'scheduler', 'webhook')),
            uid                     INTEGER CHECK (uid >= 0),
            pid                     INTEGER CHECK (pid >= 0),
            request_id              TEXT CHECK (request_id IS NULL OR length(request_id) BETWEEN 1 AND 255),
            user_id                 TEXT CHECK (user_id IS NULL OR length(user_id) BETWEEN 1 AND 255),
            targets                 TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(targets) AND json_type(targets) = 'object'),
            params_digest           TEXT CHECK (params_digest IS NULL OR (length(params_digest) = 64 AND params_digest NOT GLOB '*[^0-9a-f]*')),
            outcome                 TEXT NOT NULL CHECK (outcome IN ('applied', 'replayed', 'rejected')),
            error_code              INTEGER,
            detail                  TEXT,
            CHECK ((outcome = 'rejected') = (error_code IS NOT NULL))
        );
        CREATE INDEX idx_audit_log_at ON audit_log (at);
        CREATE INDEX idx_audit_log_method ON audit_log (method, id);
        CREATE INDEX idx_audit_log_user ON audit_log (user_id, id) WHERE user_id IS NOT NULL;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
}
