extension Schema {
    /// Migration 8: fewer B-trees per consume (issue 11, item 3). `idx_credit_ledger_grant` served
    /// only `verify`'s per-grant check, which now groups the ledger once instead of probing it per
    /// grant, yet every ledger row paid for it: a random page of it per consume, a fifth of the
    /// WAL frames a batch of consumes wrote (Benchmarks/RESULTS.md). Grants are never deleted and
    /// their ids never change, so the foreign key needs no index on this side either.
    static let v8 = """
        DROP INDEX idx_credit_ledger_grant;
        """
}
