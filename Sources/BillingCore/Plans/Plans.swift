import BillingProtocol
import BillingStore

/// `plans.*`: the catalog of subscription plans.
enum Plans {
    static func list(_ db: Connection, includeInactive: Bool) throws -> [Plan] {
        try db.query("SELECT * FROM subscription_plans WHERE is_active = 1 OR ? ORDER BY sort_order, id",
                     [.bool(includeInactive)]).map(Plan.init(row:))
    }

    static func find(_ db: Connection, _ id: String) throws -> Plan? {
        try db.queryOne("SELECT * FROM subscription_plans WHERE id = ?", [.text(id)]).map(Plan.init(row:))
    }

    static func get(_ db: Connection, _ id: String) throws -> Plan {
        guard let plan = try find(db, id) else { throw BillingError.notFound("plan", id) }
        return plan
    }

    static func byVariant(_ db: Connection, _ variantID: String) throws -> Plan? {
        try db.queryOne("SELECT * FROM subscription_plans WHERE lemon_squeezy_variant_id = ?", [.text(variantID)]).map(Plan.init(row:))
    }

    /// Creates or replaces a plan. Omitted optional members keep the stored value, or the default for a new plan.
    static func upsert(_ db: Connection, _ p: Params, now: Timestamp) throws -> Plan {
        let id = p.requiredString("id")
        let existing = try find(db, id)
        if let currency = p.string("currency"),
            currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let variant = p.string("lemon_squeezy_variant_id"),
            let other = try byVariant(db, variant), other.id != id
        {
            throw BillingError(.alreadyExists, "plan '\(other.id)' already uses lemon_squeezy_variant_id '\(variant)'",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        if let variant = p.string("lemon_squeezy_variant_id"), try CreditPacks.find(db, variant) != nil {
            throw BillingError(.alreadyExists, "lemon_squeezy_variant_id '\(variant)' is a credit pack",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        func text(_ name: String, _ old: String?) -> SQLValue {
            p.has(name) ? .optional(p.string(name)) : .optional(old)
        }
        func int(_ name: String, _ old: Int64?, _ fallback: Int64) -> SQLValue {
            .integer(p.int(name) ?? old ?? fallback)
        }
        let features = p.json("features")?.serialized() ?? existing?.features.serialized() ?? "{}"
        let isActive = p.bool("is_active") ?? existing?.isActive ?? true
        try db.run("""
            INSERT INTO subscription_plans (id, name, description, price, currency, billing_interval, credits_per_period,
                max_products_per_batch, max_api_calls_per_day, requests_per_minute, requests_per_hour, features,
                lemon_squeezy_variant_id, lemon_squeezy_product_id, is_active, sort_order, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, price = excluded.price,
                currency = excluded.currency, billing_interval = excluded.billing_interval,
                credits_per_period = excluded.credits_per_period, max_products_per_batch = excluded.max_products_per_batch,
                max_api_calls_per_day = excluded.max_api_calls_per_day, requests_per_minute = excluded.requests_per_minute,
                requests_per_hour = excluded.requests_per_hour, features = excluded.features,
                lemon_squeezy_variant_id = excluded.lemon_squeezy_variant_id,
                lemon_squeezy_product_id = excluded.lemon_squeezy_product_id, is_active = excluded.is_active,
                sort_order = excluded.sort_order, updated_at = excluded.updated_at
            """,
            [
                .text(id), .text(p.requiredString("name")), text("description", existing?.description),
                .integer(p.money("price")!.minorUnits), .text(p.string("currency") ?? existing?.currency ?? "USD"),
                .text(p.string("billing_interval") ?? existing?.billingInterval.rawValue ?? "month"),
                int("credits_per_period", existing?.creditsPerPeriod, 0),
                int("max_products_per_batch", existing?.maxProductsPerBatch, 0),
                int("max_api_calls_per_day", existing?.maxAPICallsPerDay, 0),
                int("requests_per_minute", existing?.requestsPerMinute, 5),
                int("requests_per_hour", existing?.requestsPerHour, 50),
                .text(features),
                text("lemon_squeezy_variant_id", existing?.lemonSqueezyVariantID),
                text("lemon_squeezy_product_id", existing?.lemonSqueezyProductID),
                .bool(isActive), int("sort_order", existing?.sortOrder, 0),
                .integer(existing?.createdAt.milliseconds ?? now.milliseconds), .integer(now.milliseconds),
            ])
        return try get(db, id)
    }
}
