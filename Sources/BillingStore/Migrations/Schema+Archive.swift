extension Schema {
    /// Migration 7: `billingd archive` (issue 14). One row per archive whose rows left the
    /// database: its manifest's id and checksum, the cut-off, and how many rows it moved.
    /// Archived ledger rows are replaced by carry-forward rows (reference `archive:<id>`).
    static let v7 = """
        CREATE TABLE archives (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
            before                  INTEGER NOT NULL,
            usage_rows              INTEGER NOT NULL CHECK (usage_rows >= 0),
            ledger_rows             INTEGER NOT NULL CHECK (ledger_rows >= 0),
            manifest_sha256         TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
            directory               TEXT NOT NULL,
            created_at              INTEGER NOT NULL
        );
        """
}
