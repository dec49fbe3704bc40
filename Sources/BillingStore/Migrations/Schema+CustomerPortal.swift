extension Schema {
    /// Migration 4: Lemon Squeezy's self-service links of a subscription (`urls.customer_portal`,
    /// `urls.update_payment_method`), kept from its newest applied event. Both are signed,
    /// expiring `https://` URLs, so each event replaces them.
    static let v4 = """
        ALTER TABLE user_subscriptions ADD COLUMN customer_portal_url TEXT
            CHECK (customer_portal_url IS NULL OR (length(customer_portal_url) BETWEEN 9 AND 2048 AND customer_portal_url LIKE 'https://%'));
        ALTER TABLE user_subscriptions ADD COLUMN update_payment_method_url TEXT
            CHECK (update_payment_method_url IS NULL
                   OR (length(update_payment_method_url) BETWEEN 9 AND 2048 AND update_payment_method_url LIKE 'https://%'));
        """
}
