extension Schema {
    /// Migration 3: what a retention prune removed from `usage_logs`, per user, so the totals
    /// (and `system.verify`) still add up after old usage rows are deleted.
    static let v3 = """
        CREATE TABLE usage_pruned (
            user_id                 TEXT PRIMARY KEY REFERENCES user_credits (user_id),
            requests                INTEGER NOT NULL CHECK (requests >= 0),
            credits_used            INTEGER NOT NULL CHECK (credits_used >= 0),
            cost_usd                INTEGER NOT NULL CHECK (cost_usd >= 0),
            pruned_before           INTEGER NOT NULL
        );
        """
}
