extension PostgresSchema {
    static let v1 = """
        -- SQLite's two-argument max(), which the domain's shared statements use (PostgreSQL calls it greatest).
        CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN greatest(a, b);

        CREATE TABLE subscription_plans (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 50 AND id !~ '[^a-z0-9_-]'),
            name                    text COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
            description             text COLLATE "C",
            price                   bigint NOT NULL DEFAULT 0 CHECK (price >= 0),
            currency                text COLLATE "C" NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency !~ '[^A-Z]'),
            billing_interval        text COLLATE "C" NOT NULL DEFAULT 'month' CHECK (billing_interval IN ('day', 'week', 'month', 'year')),
            credits_per_period      bigint NOT NULL DEFAULT 0 CHECK (credits_per_period >= 0),
            max_products_per_batch  bigint NOT NULL DEFAULT 0 CHECK (max_products_per_batch >= 0),
            max_api_calls_per_day   bigint NOT NULL DEFAULT 0 CHECK (max_api_calls_per_day >= 0),
            requests_per_minute     bigint NOT NULL DEFAULT 5 CHECK (requests_per_minute >= 0),
            requests_per_hour       bigint NOT NULL DEFAULT 50 CHECK (requests_per_hour >= 0),
            features                text COLLATE "C" NOT NULL DEFAULT '{}' CHECK (json_typeof(features::json) = 'object'),
            lemon_squeezy_variant_id text COLLATE "C" UNIQUE,
            lemon_squeezy_product_id text COLLATE "C",
            is_active               smallint NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            sort_order              bigint NOT NULL DEFAULT 0,
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL
        );
        CREATE INDEX idx_subscription_plans_sort ON subscription_plans (sort_order, id);

        CREATE TABLE user_subscriptions (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 text COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            plan_id                 text COLLATE "C" NOT NULL REFERENCES subscription_plans (id),
            status                  text COLLATE "C" NOT NULL DEFAULT 'active'
                                    CHECK (status IN ('trialing', 'active', 'past_due', 'paused', 'cancelled', 'expired')),
            current_period_start    bigint NOT NULL,
            current_period_end      bigint NOT NULL CHECK (current_period_end >= current_period_start),
            cancel_at_period_end    smallint NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
            lemon_squeezy_subscription_id text COLLATE "C" UNIQUE,
            lemon_squeezy_customer_id text COLLATE "C",
            trial_start             bigint,
            trial_end               bigint,
            cancelled_at            bigint,
            paused_at               bigint,
            ended_at                bigint,
            metadata                text COLLATE "C" NOT NULL DEFAULT '{}' CHECK (json_typeof(metadata::json) = 'object'),
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL
        );
        -- At most one live subscription per user, enforced by PostgreSQL itself.
        CREATE UNIQUE INDEX idx_user_subscriptions_one_live ON user_subscriptions (user_id)
            WHERE status IN ('trialing', 'active', 'past_due', 'paused');
        CREATE INDEX idx_user_subscriptions_user ON user_subscriptions (user_id, created_at);
        CREATE INDEX idx_user_subscriptions_status ON user_subscriptions (status, current_period_end);

        CREATE TABLE user_credits (
            user_id                 text COLLATE "C" PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 255),
            current_credits         bigint NOT NULL DEFAULT 0 CHECK (current_credits >= 0),
            reserved_credits        bigint NOT NULL DEFAULT 0 CHECK (reserved_credits >= 0),
            total_credits_purchased bigint NOT NULL DEFAULT 0 CHECK (total_credits_purchased >= 0),
            total_credits_used      bigint NOT NULL DEFAULT 0 CHECK (total_credits_used >= 0),
            total_credits_expired   bigint NOT NULL DEFAULT 0 CHECK (total_credits_expired >= 0),
            total_credits_revoked   bigint NOT NULL DEFAULT 0 CHECK (total_credits_revoked >= 0),
            subscription_id         text COLLATE "C" REFERENCES user_subscriptions (id),
            last_credit_refill      bigint,
            next_credit_refill      bigint,
            credits_used_this_period bigint NOT NULL DEFAULT 0 CHECK (credits_used_this_period >= 0),
            period_start            bigint,
            period_end              bigint,
            metadata                text COLLATE "C" NOT NULL DEFAULT '{}' CHECK (json_typeof(metadata::json) IS NOT NULL),
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL
        );

        CREATE TABLE payment_history (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 text COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            amount                  bigint NOT NULL CHECK (amount >= 0),
            currency                text COLLATE "C" NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency !~ '[^A-Z]'),
            status                  text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'failed', 'refunded')),
            payment_method          text COLLATE "C" NOT NULL DEFAULT 'lemon_squeezy',
            payment_provider        text COLLATE "C" NOT NULL DEFAULT 'lemon_squeezy',
            lemon_squeezy_order_id  text COLLATE "C" UNIQUE,
            lemon_squeezy_subscription_id text COLLATE "C",
            lemon_squeezy_customer_id text COLLATE "C",
            subscription_id         text COLLATE "C" REFERENCES user_subscriptions (id),
            credits_awarded         bigint NOT NULL DEFAULT 0 CHECK (credits_awarded >= 0),
            plan_id                 text COLLATE "C" REFERENCES subscription_plans (id),
            transaction_type        text COLLATE "C" NOT NULL DEFAULT 'subscription',
            description             text COLLATE "C",
            metadata                text COLLATE "C" NOT NULL DEFAULT '{}' CHECK (json_typeof(metadata::json) = 'object'),
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL,
            processed_at            bigint
        );
        CREATE INDEX idx_payment_history_user ON payment_history (user_id, created_at);
        CREATE INDEX idx_payment_history_status ON payment_history (status, created_at);
        CREATE INDEX idx_payment_history_created ON payment_history (created_at);

        CREATE TABLE usage_logs (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 text COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 255),
            usage_type              text COLLATE "C" NOT NULL DEFAULT 'ai_generation',
            credits_used            bigint NOT NULL DEFAULT 1 CHECK (credits_used >= 0),
            product_count           bigint NOT NULL DEFAULT 1 CHECK (product_count >= 0),
            language_code           text COLLATE "C",
            category                text COLLATE "C",
            tokens_used             bigint CHECK (tokens_used >= 0),
            response_time_ms        bigint CHECK (response_time_ms >= 0),
            cost_usd                bigint CHECK (cost_usd >= 0),
            request_id              text COLLATE "C",
            batch_id                text COLLATE "C",
            endpoint_used           text COLLATE "C",
            user_credits_id         text COLLATE "C" REFERENCES user_credits (user_id),
            metadata                text COLLATE "C" NOT NULL DEFAULT '{}' CHECK (json_typeof(metadata::json) = 'object'),
            created_at              bigint NOT NULL
        );
        CREATE INDEX idx_usage_logs_user ON usage_logs (user_id, created_at);
        CREATE INDEX idx_usage_logs_created ON usage_logs (created_at);

        -- Credits live in grants; spending takes the soonest-expiring first.
        CREATE TABLE credit_grants (
            id                      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id                 text COLLATE "C" NOT NULL REFERENCES user_credits (user_id),
            source                  text COLLATE "C" NOT NULL CHECK (source IN ('period', 'purchase', 'promo', 'adjustment', 'refund')),
            amount                  bigint NOT NULL CHECK (amount >= 1),
            remaining               bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
            expires_at              bigint,
            subscription_id         text COLLATE "C" REFERENCES user_subscriptions (id),
            payment_id              text COLLATE "C" REFERENCES payment_history (id),
            description             text COLLATE "C",
            created_at              bigint NOT NULL
        );
        CREATE INDEX idx_credit_grants_spend ON credit_grants (user_id, expires_at) WHERE remaining > 0;
        CREATE INDEX idx_credit_grants_expiry ON credit_grants (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;
        CREATE INDEX idx_credit_grants_payment ON credit_grants (payment_id) WHERE payment_id IS NOT NULL;

        -- Append-only: every change of a balance, one row per grant touched.
        CREATE TABLE credit_ledger (
            id                      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id                 text COLLATE "C" NOT NULL REFERENCES user_credits (user_id),
            grant_id                bigint NOT NULL REFERENCES credit_grants (id),
            delta                   bigint NOT NULL CHECK (delta <> 0),
            balance_after           bigint NOT NULL CHECK (balance_after >= 0),
            kind                    text COLLATE "C" NOT NULL CHECK (kind IN ('grant', 'consume', 'expire', 'reserve', 'release', 'revoke')),
            reference               text COLLATE "C",
            created_at              bigint NOT NULL
        );
        CREATE INDEX idx_credit_ledger_user ON credit_ledger (user_id, id);
        CREATE INDEX idx_credit_ledger_grant ON credit_ledger (grant_id);
        CREATE FUNCTION billing_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
        END
        $$;
        CREATE TRIGGER credit_ledger_no_update BEFORE UPDATE ON credit_ledger
            FOR EACH ROW EXECUTE FUNCTION billing_append_only();
        CREATE TRIGGER credit_ledger_no_delete BEFORE DELETE ON credit_ledger
            FOR EACH ROW EXECUTE FUNCTION billing_append_only();
        -- TRUNCATE bypasses row triggers: refused too.
        CREATE TRIGGER credit_ledger_no_truncate BEFORE TRUNCATE ON credit_ledger
            FOR EACH STATEMENT EXECUTE FUNCTION billing_append_only();

        CREATE TABLE credit_reservations (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            user_id                 text COLLATE "C" NOT NULL REFERENCES user_credits (user_id),
            amount                  bigint NOT NULL CHECK (amount >= 1),
            status                  text COLLATE "C" NOT NULL CHECK (status IN ('held', 'committed', 'released', 'expired')),
            committed_amount        bigint CHECK (committed_amount >= 0 AND committed_amount <= amount),
            usage_id                text COLLATE "C" REFERENCES usage_logs (id),
            expires_at              bigint NOT NULL,
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL
        );
        CREATE INDEX idx_credit_reservations_held ON credit_reservations (expires_at) WHERE status = 'held';
        CREATE INDEX idx_credit_reservations_user ON credit_reservations (user_id, status);

        CREATE TABLE credit_reservation_parts (
            reservation_id          text COLLATE "C" NOT NULL REFERENCES credit_reservations (id),
            grant_id                bigint NOT NULL REFERENCES credit_grants (id),
            amount                  bigint NOT NULL CHECK (amount >= 1),
            PRIMARY KEY (reservation_id, grant_id)
        );

        CREATE TABLE idempotency_keys (
            method                  text COLLATE "C" NOT NULL,
            key                     text COLLATE "C" NOT NULL,
            fingerprint             text COLLATE "C" NOT NULL,
            result                  text COLLATE "C" NOT NULL,
            created_at              bigint NOT NULL,
            PRIMARY KEY (method, key)
        );
        CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at);

        -- Only on PostgreSQL: several daemons share the rate limits, so each user's three fixed
        -- windows (minute, hour, UTC day) are a row, locked in the request's transaction. The
        -- embedded store keeps them in the daemon's memory.
        CREATE TABLE rate_limit_counters (
            user_id                 text COLLATE "C" PRIMARY KEY,
            minute_window           bigint NOT NULL,
            minute_count            bigint NOT NULL CHECK (minute_count >= 0),
            hour_window             bigint NOT NULL,
            hour_count              bigint NOT NULL CHECK (hour_count >= 0),
            day_window              bigint NOT NULL,
            day_count               bigint NOT NULL CHECK (day_count >= 0)
        );

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

    static let v2 = """
        -- The Lemon Squeezy `updated_at` of the last subscription object applied: an older event never rolls state back.
        ALTER TABLE user_subscriptions ADD COLUMN lemon_squeezy_updated_at bigint;

        -- One-off credit packs: an order_created for `variant_id` grants `credits` (times the quantity) as never-expiring credits.
        CREATE TABLE credit_packs (
            variant_id              text COLLATE "C" PRIMARY KEY CHECK (length(variant_id) BETWEEN 1 AND 255),
            credits                 bigint NOT NULL CHECK (credits >= 1),
            name                    text COLLATE "C" CHECK (name IS NULL OR length(name) BETWEEN 1 AND 255),
            created_at              bigint NOT NULL,
            updated_at              bigint NOT NULL
        );

        -- Every verified webhook delivery and what it did. `delivery_key` is the SHA-256 (hex) of the raw body;
        -- `settled` marks the one delivery per body whose outcome is final, so a repeat of it is a duplicate,
        -- while a body that met an unknown user, plan or subscription is looked at again when redelivered.
        CREATE TABLE webhook_events (
            id                      text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            provider                text COLLATE "C" NOT NULL DEFAULT 'lemon_squeezy',
            event_name              text COLLATE "C" NOT NULL CHECK (length(event_name) BETWEEN 1 AND 255),
            delivery_key            text COLLATE "C" NOT NULL CHECK (length(delivery_key) = 64),
            object_type             text COLLATE "C",
            object_id               text COLLATE "C",
            object_updated_at       bigint,
            user_id                 text COLLATE "C",
            outcome                 text COLLATE "C" NOT NULL CHECK (length(outcome) BETWEEN 1 AND 64),
            applied                 smallint NOT NULL CHECK (applied IN (0, 1)),
            settled                 smallint NOT NULL CHECK (settled IN (0, 1)),
            subscription_id         text COLLATE "C" REFERENCES user_subscriptions (id),
            payment_id              text COLLATE "C" REFERENCES payment_history (id),
            detail                  text COLLATE "C",
            received_at             bigint NOT NULL
        );
        CREATE UNIQUE INDEX idx_webhook_events_settled ON webhook_events (delivery_key) WHERE settled = 1;
        CREATE INDEX idx_webhook_events_delivery ON webhook_events (delivery_key, received_at);
        CREATE INDEX idx_webhook_events_object ON webhook_events (object_type, object_id, received_at);
        CREATE INDEX idx_webhook_events_received ON webhook_events (received_at);
        CREATE INDEX idx_payment_history_ls_subscription ON payment_history (lemon_squeezy_subscription_id)
            WHERE lemon_squeezy_subscription_id IS NOT NULL;
        """
}
