extension Schema {
    /// Migration 6: indexes for the analytics methods (issue 14), so every report is a range
    /// scan: subscriptions by the day they started, were cancelled or ended, and the ledger's
    /// grant/expire/revoke entries by time. The ledger index is partial, so the hot consume
    /// path (kind `consume`/`reserve`/`release`) never maintains it.
    static let v6 = """
        CREATE INDEX idx_user_subscriptions_created ON user_subscriptions (created_at);
        CREATE INDEX idx_user_subscriptions_cancelled ON user_subscriptions (cancelled_at) WHERE cancelled_at IS NOT NULL;
        CREATE INDEX idx_user_subscriptions_ended ON user_subscriptions (ended_at) WHERE ended_at IS NOT NULL;
        CREATE INDEX idx_credit_ledger_flow ON credit_ledger (created_at) WHERE kind IN ('grant', 'expire', 'revoke');
        """
}
