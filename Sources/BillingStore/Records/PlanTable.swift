import BillingCore
import BillingProtocol

/// `PlanRecords` in SQL, on one store session.
public struct PlanTable: PlanRecords {
    let db: any Connection

    public func all(includeInactive: Bool) throws -> [Plan] {
        try db.query("SELECT * FROM subscription_plans\(includeInactive ? "" : " WHERE is_active = 1") ORDER BY sort_order, id", [])
            .map(Plan.init(row:))
    }

    public func find(_ id: String) throws -> Plan? {
        try db.queryOne("SELECT * FROM subscription_plans WHERE id = ?", [.text(id)]).map(Plan.init(row:))
    }

    public func find(variant: String) throws -> Plan? {
        try db.queryOne("SELECT * FROM subscription_plans WHERE lemon_squeezy_variant_id = ?", [.text(variant)]).map(Plan.init(row:))
    }

    public func save(_ plan: Plan) throws {
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
                .text(plan.id), .text(plan.name), .optional(plan.description), .integer(plan.price.minorUnits), .text(plan.currency),
                .text(plan.billingInterval.rawValue), .integer(plan.creditsPerPeriod), .integer(plan.maxProductsPerBatch),
                .integer(plan.maxAPICallsPerDay), .integer(plan.requestsPerMinute), .integer(plan.requestsPerHour),
                .text(plan.features.text), .optional(plan.lemonSqueezyVariantID), .optional(plan.lemonSqueezyProductID),
                .bool(plan.isActive), .integer(plan.sortOrder), .integer(plan.createdAt.milliseconds), .integer(plan.updatedAt.milliseconds),
            ])
    }
}
