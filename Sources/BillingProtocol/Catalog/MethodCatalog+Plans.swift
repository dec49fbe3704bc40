extension MethodCatalog {
    /// The plan object's members, shared by every method that returns a plan.
    public static let planFields: [(String, String)] = [
        ("id", "plan id"), ("name", "display name"), ("description", "string or null"), ("price", "decimal string, 2 places"),
        ("currency", "ISO 4217 code"), ("billing_interval", "day | week | month | year"),
        ("credits_per_period", "credits granted each period"), ("max_products_per_batch", "integer"),
        ("max_api_calls_per_day", "integer"), ("requests_per_minute", "rate limit"), ("requests_per_hour", "rate limit"),
        ("features", "object"), ("lemon_squeezy_variant_id", "string or null"), ("lemon_squeezy_product_id", "string or null"),
        ("is_active", "boolean"), ("sort_order", "integer"), ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    static let plans: [MethodDescriptor] = [
        MethodDescriptor(
            "plans.list", "Plans by sort_order (active ones unless include_inactive).", access: .read,
            params: [.optional("include_inactive", .boolean, "Also list inactive plans.")],
            result: [("plans", "[plan]")]),
        MethodDescriptor(
            "plans.get", "One plan.", access: .read, params: [.required("plan_id", .planID, "The plan's id.")],
            result: planFields, errors: ["not_found"]),
        MethodDescriptor(
            "plans.upsert", "Creates or replaces a plan; omitted optional members keep their stored value (or the default).",
            access: .write,
            params: [
                .required("id", .planID, "The plan's id."),
                .required("name", .text(maxBytes: 255), "Display name."),
                .required("price", .money(scale: 2, min: 0), "Price per period, >= 0, at most 2 decimals."),
                .optional("description", .text(maxBytes: 65536), "Free text."),
                .optional("currency", .text(maxBytes: 3), "3-letter upper-case code, default USD."),
                .optional("billing_interval", .oneOf(["day", "week", "month", "year"]), "Default month."),
                .optional("credits_per_period", .integer(min: 0, max: Int64.max), "Default 0."),
                .optional("max_products_per_batch", .integer(min: 0, max: Int64.max), "Default 0."),
                .optional("max_api_calls_per_day", .integer(min: 0, max: Int64.max), "Default 0."),
                .optional("requests_per_minute", .integer(min: 0, max: 1_000_000_000), "Default 5."),
                .optional("requests_per_hour", .integer(min: 0, max: 1_000_000_000), "Default 50."),
                .optional("features", .object, "Feature flags, default {}."),
                .optional("lemon_squeezy_variant_id", .identifier, "Unique across plans."),
                .optional("lemon_squeezy_product_id", .identifier, "Lemon Squeezy product."),
                .optional("is_active", .boolean, "Default true."),
                .optional("sort_order", .integer(min: Int64(Int32.min), max: Int64(Int32.max)), "Default 0."),
            ],
            result: planFields, errors: ["already_exists"]),
    ]
}
