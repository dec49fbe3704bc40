import BillingProtocol
import BillingStore

/// `plans.*`: the catalog of subscription plans.
enum Plans {
    static func list(_ db: Connection, includeInactive: Bool) throws -> [Plan] {
        try db.query("SELECT * FROM subscription_plans WHERE is_active = 1 OR ? = 1 ORDER BY sort_order, id",
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
    static func upsert(_ db: Connection, _ p: PlansUpsert.Parameters, now: Timestamp) throws -> Plan {
        let id = p.id
        let existing = try find(db, id)
        if let currency = p.currency,
            currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let variant = p.lemonSqueezyVariantID,
            let other = try byVariant(db, variant), other.id != id
        {
            throw BillingError(.alreadyExists, "plan '\(other.id)' already uses lemon_squeezy_variant_id '\(variant)'",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        if let variant = p.lemonSqueezyVariantID, try CreditPacks.find(db, variant) != nil {
            throw BillingError(.alreadyExists, "lemon_squeezy_variant_id '\(variant)' is a credit pack",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        let features = p.features.map { JSONValue.object($0).serialized() } ?? existing?.features.serialized() ?? "{}"
        let isActive = p.isActive ?? existing?.isActive ?? true
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
                .text(id), .text(p.name), .optional(p.description ?? existing?.description),
                .integer(p.price.minorUnits), .text(p.currency ?? existing?.currency ?? "USD"),
                .text((p.billingInterval ?? existing?.billingInterval ?? .month).rawValue),
                .integer(p.creditsPerPeriod ?? existing?.creditsPerPeriod ?? 0),
                .integer(p.maxProductsPerBatch ?? existing?.maxProductsPerBatch ?? 0),
                .integer(p.maxAPICallsPerDay ?? existing?.maxAPICallsPerDay ?? 0),
                .integer(p.requestsPerMinute ?? existing?.requestsPerMinute ?? 5),
                .integer(p.requestsPerHour ?? existing?.requestsPerHour ?? 50),
                .text(features),
                .optional(p.lemonSqueezyVariantID ?? existing?.lemonSqueezyVariantID),
                .optional(p.lemonSqueezyProductID ?? existing?.lemonSqueezyProductID),
                .bool(isActive), .integer(p.sortOrder ?? existing?.sortOrder ?? 0),
                .integer(existing?.createdAt.milliseconds ?? now.milliseconds), .integer(now.milliseconds),
            ])
        return try get(db, id)
    }
}
