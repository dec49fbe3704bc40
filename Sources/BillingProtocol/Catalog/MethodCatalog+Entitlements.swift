extension MethodCatalog {
    static let entitlements: [MethodDescriptor] = [
        MethodDescriptor(
            "entitlements.get", "The user's live plan, subscription status, features and limits (the free plan when none).",
            access: .read, params: [.required("user_id", .identifier, "The user.")],
            result: [("user_id", "the user"), ("plan_id", "the live plan, or free"),
                     ("status", "trialing, active, past_due, paused, or none (no live subscription)"),
                     ("subscription_id", "the live subscription, or null"), ("features", "the plan's feature flags"),
                     ("limits", "{credits_per_period, max_products_per_batch, max_api_calls_per_day, requests_per_minute, requests_per_hour}")]),
    ]
}
