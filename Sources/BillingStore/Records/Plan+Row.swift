import BillingProtocol

extension Plan {
    init(row: Row) {
        self.init(
            id: row.string("id"), name: row.string("name"), description: row.optionalString("description"),
            price: Money(minorUnits: row.int("price"), scale: Money.priceScale), currency: row.string("currency"),
            billingInterval: Timestamp.CalendarUnit(rawValue: row.string("billing_interval")) ?? .month,
            creditsPerPeriod: row.int("credits_per_period"), maxProductsPerBatch: row.int("max_products_per_batch"),
            maxAPICallsPerDay: row.int("max_api_calls_per_day"), requestsPerMinute: row.int("requests_per_minute"),
            requestsPerHour: row.int("requests_per_hour"),
            features: JSONText(column: row.string("features")),
            lemonSqueezyVariantID: row.optionalString("lemon_squeezy_variant_id"),
            lemonSqueezyProductID: row.optionalString("lemon_squeezy_product_id"), isActive: row.bool("is_active"),
            sortOrder: row.int("sort_order"), createdAt: Timestamp(milliseconds: row.int("created_at")),
            updatedAt: Timestamp(milliseconds: row.int("updated_at")))
    }
}
