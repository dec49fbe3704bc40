/// The schema as an append-only list of migrations. Never edit a released entry: add one.
///
/// Units: money columns hold integers (`price`, `amount` in cents; `cost_usd` in
/// micro-dollars); every time column holds milliseconds since the Unix epoch (UTC).
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "seed_tables_ledger_and_default_plans", sql: v1),
        Migration(version: 2, name: "lemon_squeezy_webhook_events_and_credit_packs", sql: v2),
        Migration(version: 3, name: "usage_retention_totals", sql: v3),
        Migration(version: 4, name: "subscription_customer_portal_urls", sql: v4),
        Migration(version: 5, name: "audit_log", sql: v5),
        Migration(version: 6, name: "analytics_indexes", sql: v6),
        Migration(version: 7, name: "archives", sql: v7),
        Migration(version: 8, name: "lean_ledger_indexes", sql: v8),
    ]

    static let now = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"

    static let v1 = """
        CREATE TABLE subscription_plans (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 50 AND id NOT GLOB '*[^a-z0-9_-]*'),
            name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
            description             TEXT,
            price                   INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
            currency                TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
            billing_interval        TEXT NOT NULL DEFAULT 'month' CHECK (billing_interval IN ('day', 'week', 'month', 'year')),
            credits_per_period      INTEGER NOT NULL DEFAULT 0 CHECK (credits_per_period >= 0),
            max_products_per_batch  INTEGER NOT NULL DEFAULT 0 CHECK (max_products_per_batch >= 0),
            max_api_calls_per_day   INTEGER NOT NULL DEFAULT 0 CHECK (max_api_calls_per_day >= 0),
            requests_per_minute     INTEGER NOT NULL DEFAULT 5 CHECK (requests_per_minute >= 0),
            requests_per_hour       INTEGER NOT NULL DEFAULT 50 CHECK (requests_per_hour >= 0),
            features                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(features) AND json_type(features) = 'object'),
            lemon_squeezy_variant_id TEXT UNIQUE,
            lemon_squeezy_product_id TEXT,
            is_active               INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            sort_order              INTEGER NOT NULL DEFAULT 0,
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL
        );
        CREATE INDEX idx_subscription_plans_sort ON subscription_plans (sort_order, id);

        CREATE TABLE user_subscriptions (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            plan_id                 TEXT NOT NULL REFERENCES subscription_plans (id),
            status                  TEXT NOT NULL DEFAULT 'active'
                                    CHECK (status IN ('trialing', 'active', 'past_due', 'paused', 'cancelled', 'expired')),
            current_period_start    INTEGER NOT NULL,
            current_period_end      INTEGER NOT NULL CHECK (current_period_end >= current_period_start),
            cancel_at_period_end    INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
            lemon_squeezy_subscription_id TEXT UNIQUE,
            lemon_squeezy_customer_id TEXT,
            trial_start             INTEGER,
            trial_end               INTEGER,
            cancelled_at            INTEGER,
            paused_at               INTEGER,
            ended_at                INTEGER,
            metadata                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL
        );
        -- At most one live subscription per user, enforced by SQLite itself.
        CREATE UNIQUE INDEX idx_user_subscriptions_one_live ON user_subscriptions (user_id)
            WHERE status IN ('trialing', 'active', 'past_due', 'paused');
        CREATE INDEX idx_user_subscriptions_user ON user_subscriptions (user_id, created_at);
        CREATE INDEX idx_user_subscriptions_status ON user_subscriptions (status, current_period_end);

        CREATE TABLE user_credits (
            user_id                 TEXT PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 255),
            current_credits         INTEGER NOT NULL DEFAULT 0 CHECK (current_credits >= 0),
            reserved_credits        INTEGER NOT NULL DEFAULT 0 CHECK (reserved_credits >= 0),
            total_credits_purchased INTEGER NOT NULL DEFAULT 0 CHECK (total_credits_purchased >= 0),
            total_credits_used      INTEGER NOT NULL DEFAULT 0 CHECK (total_credits_used >= 0),
            total_credits_expired   INTEGER NOT NULL DEFAULT 0 CHECK (total_credits_expired >= 0),
            total_credits_revoked   INTEGER NOT NULL DEFAULT 0 CHECK (total_credits_revoked >= 0),
            subscription_id         TEXT REFERENCES user_subscriptions (id),
            last_credit_refill      INTEGER,
            next_credit_refill      INTEGER,
            credits_used_this_period INTEGER NOT NULL DEFAULT 0 CHECK (credits_used_this_period >= 0),
            period_start            INTEGER,
            period_end              INTEGER,
            metadata                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL
        );

        CREATE TABLE payment_history (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            amount                  INTEGER NOT NULL CHECK (amount >= 0),
            currency                TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
            status                  TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'failed', 'refunded')),
            payment_method          TEXT NOT NULL DEFAULT 'lemon_squeezy',
            payment_provider        TEXT NOT NULL DEFAULT 'lemon_squeezy',
            lemon_squeezy_order_id  TEXT UNIQUE,
            lemon_squeezy_subscription_id TEXT,
            lemon_squeezy_customer_id TEXT,
            subscription_id         TEXT REFERENCES user_subscriptions (id),
            credits_awarded         INTEGER NOT NULL DEFAULT 0 CHECK (credits_awarded >= 0),
            plan_id                 TEXT REFERENCES subscription_plans (id),
            transaction_type        TEXT NOT NULL DEFAULT 'subscription',
            description             TEXT,
            metadata                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL,
            processed_at            INTEGER
        );
        CREATE INDEX idx_payment_history_user ON payment_history (user_id, created_at);
        CREATE INDEX idx_payment_history_status ON payment_history (status, created_at);
        CREATE INDEX idx_payment_history_created ON payment_history (created_at);

        CREATE TABLE usage_logs (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            usage_type              TEXT NOT NULL DEFAULT 'ai_generation',
            credits_used            INTEGER NOT NULL DEFAULT 1 CHECK (credits_used >= 0),
            product_count           INTEGER NOT NULL DEFAULT 1 CHECK (product_count >= 0),
            language_code           TEXT,
            category                TEXT,
            tokens_used             INTEGER CHECK (tokens_used >= 0),
            response_time_ms        INTEGER CHECK (response_time_ms >= 0),
            cost_usd                INTEGER CHECK (cost_usd >= 0),
            request_id              TEXT,
            batch_id                TEXT,
            endpoint_used           TEXT,
            user_credits_id         TEXT REFERENCES user_credits (user_id),
            metadata                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
            created_at              INTEGER NOT NULL
        );
        CREATE INDEX idx_usage_logs_user ON usage_logs (user_id, created_at);
        CREATE INDEX idx_usage_logs_created ON usage_logs (created_at);

        -- Credits live in grants; spending takes the soonest-expiring first.
        CREATE TABLE credit_grants (
            id                      INTEGER PRIMARY KEY,
            user_id                 TEXT NOT NULL REFERENCES user_credits (user_id),
            source                  TEXT NOT NULL CHECK (source IN ('period', 'purchase', 'promo', 'adjustment', 'refund')),
            amount                  INTEGER NOT NULL CHECK (amount >= 1),
            remaining               INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
            expires_at              INTEGER,
            subscription_id         TEXT REFERENCES user_subscriptions (id),
            payment_id              TEXT REFERENCES payment_history (id),
            description             TEXT,
            created_at              INTEGER NOT NULL
        );
        CREATE INDEX idx_credit_grants_spend ON credit_grants (user_id, expires_at) WHERE remaining > 0;
        CREATE INDEX idx_credit_grants_expiry ON credit_grants (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;
        CREATE INDEX idx_credit_grants_payment ON credit_grants (payment_id) WHERE payment_id IS NOT NULL;

        -- Append-only: every change of a balance, one row per grant touched.
        CREATE TABLE credit_ledger (
            id                      INTEGER PRIMARY KEY,
            user_id                 TEXT NOT NULL REFERENCES user_credits (user_id),
            grant_id                INTEGER NOT NULL REFERENCES credit_grants (id),
            delta                   INTEGER NOT NULL CHECK (delta <> 0),
            balance_after           INTEGER NOT NULL CHECK (balance_after >= 0),
            kind                    TEXT NOT NULL CHECK (kind IN ('grant', 'consume', 'expire', 'reserve', 'release', 'revoke')),
            reference               TEXT,
            created_at              INTEGER NOT NULL
        );
        CREATE INDEX idx_credit_ledger_user ON credit_ledger (user_id, id);
        CREATE INDEX idx_credit_ledger_grant ON credit_ledger (grant_id);
        CREATE TRIGGER credit_ledger_no_update BEFORE UPDATE ON credit_ledger
            BEGIN SELECT RAISE(ABORT, 'credit_ledger is append-only'); END;
        CREATE TRIGGER credit_ledger_no_delete BEFORE DELETE ON credit_ledger
            BEGIN SELECT RAISE(ABORT, 'credit_ledger is append-only'); END;

        CREATE TABLE credit_reservations (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 TEXT NOT NULL REFERENCES user_credits (user_id),
            amount                  INTEGER NOT NULL CHECK (amount >= 1),
            status                  TEXT NOT NULL CHECK (status IN ('held', 'committed', 'released', 'expired')),
            committed_amount        INTEGER CHECK (committed_amount >= 0 AND committed_amount <= amount),
            usage_id                TEXT REFERENCES usage_logs (id),
            expires_at              INTEGER NOT NULL,
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL
        );
        CREATE INDEX idx_credit_reservations_held ON credit_reservations (expires_at) WHERE status = 'held';
        CREATE INDEX idx_credit_reservations_user ON credit_reservations (user_id, status);

        CREATE TABLE credit_reservation_parts (
            reservation_id          TEXT NOT NULL REFERENCES credit_reservations (id),
            grant_id                INTEGER NOT NULL REFERENCES credit_grants (id),
            amount                  INTEGER NOT NULL CHECK (amount >= 1),
            PRIMARY KEY (reservation_id, grant_id)
        ) WITHOUT ROWID;

        CREATE TABLE idempotency_keys (
            method                  TEXT NOT NULL,
            key                     TEXT NOT NULL,
            fingerprint             TEXT NOT NULL,
            result                  TEXT NOT NULL,
            created_at              INTEGER NOT NULL,
            PRIMARY KEY (method, key)
        ) WITHOUT ROWID;
        CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at);

        INSERT INTO subscription_plans
            (id, name, description, price, currency, billing_interval, credits_per_period, max_products_per_batch,
             max_api_calls_per_day, requests_per_minute, requests_per_hour, features, is_active, sort_order, created_at, updated_at)
        VALUES
            ('free', 'Free', 'Try AI product descriptions', 0, 'USD', 'month', 10, 1, 10, 5, 50,
             '{"ai_generation":true,"csv_upload":true}', 1, 0, \(now), \(now)),
            ('basic', 'Basic', 'For small shops', 999, 'USD', 'month', 100, 10, 100, 20, 500,
             '{"ai_generation":true,"csv_upload":true,"enhanced_generation":true,"email_support":true}', 1, 1, \(now), \(now)),
            ('pro', 'Pro', 'For growing catalogs', 2999, 'USD', 'month', 1000, 50, 1000, 50, 2000,
             '{"ai_generation":true,"csv_upload":true,"enhanced_generation":true,"email_support":true,"priority_support":true,"custom_templates":true,"api_access":true}', 1, 2, \(now), \(now)),
            ('enterprise', 'Enterprise', 'For large catalogs and integrations', 9999, 'USD', 'month', 10000, 500, 10000, 100, 10000,
             '{"ai_generation":true,"csv_upload":true,"enhanced_generation":true,"email_support":true,"priority_support":true,"custom_templates":true,"api_access":true,"white_label":true,"custom_integrations":true}', 1, 3, \(now), \(now));
        """

    /// Lemon Squeezy webhooks (`webhooks.lemonsqueezy`): the delivery log, the per-subscription
    /// ordering mark, and the variants sold as one-off credit packs.
    static let v2 = """
        -- The Lemon Squeezy `updated_at` of the last subscription object applied: an older event never rolls state back.
        ALTER TABLE user_subscriptions ADD COLUMN lemon_squeezy_updated_at INTEGER;

        -- One-off credit packs: an order_created for `variant_id` grants `credits` (times the quantity) as never-expiring credits.
        CREATE TABLE credit_packs (
            variant_id              TEXT PRIMARY KEY CHECK (length(variant_id) BETWEEN 1 AND 255),
            credits                 INTEGER NOT NULL CHECK (credits >= 1),
            name                    TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 255),
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL
        );

        -- Every verified webhook delivery and what it did. `delivery_key` is the SHA-256 (hex) of the raw body;
        -- `settled` marks the one delivery per body whose outcome is final, so a repeat of it is a duplicate,
        -- while a body that met an unknown user, plan or subscription is looked at again when redelivered.
        CREATE TABLE webhook_events (
            id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            provider                TEXT NOT NULL DEFAULT 'lemon_squeezy',
            event_name              TEXT NOT NULL CHECK (length(event_name) BETWEEN 1 AND 255),
            delivery_key            TEXT NOT NULL CHECK (length(delivery_key) = 64),
            object_type             TEXT,
            object_id               TEXT,
            object_updated_at       INTEGER,
            user_id                 TEXT,
            outcome                 TEXT NOT NULL CHECK (length(outcome) BETWEEN 1 AND 64),
            applied                 INTEGER NOT NULL CHECK (applied IN (0, 1)),
            settled                 INTEGER NOT NULL CHECK (settled IN (0, 1)),
            subscription_id         TEXT REFERENCES user_subscriptions (id),
            payment_id              TEXT REFERENCES payment_history (id),
            detail                  TEXT,
            received_at             INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX idx_webhook_events_settled ON webhook_events (delivery_key) WHERE settled = 1;
        CREATE INDEX idx_webhook_events_delivery ON webhook_events (delivery_key, received_at);
        CREATE INDEX idx_webhook_events_object ON webhook_events (object_type, object_id, received_at);
        CREATE INDEX idx_webhook_events_received ON webhook_events (received_at);
        CREATE INDEX idx_payment_history_ls_subscription ON payment_history (lemon_squeezy_subscription_id)
            WHERE lemon_squeezy_subscription_id IS NOT NULL;
        """
}
