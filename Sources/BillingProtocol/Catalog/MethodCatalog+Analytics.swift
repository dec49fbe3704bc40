extension MethodCatalog {
    static let analyticsRange: [ParamSpec] = [
        .required("from", .timestamp, "Inclusive."), .required("to", .timestamp, "Exclusive; after from."),
    ]
    static let analyticsPeriod = ParamSpec.optional(
        "group_by", .oneOf(["day", "week", "month"]), "Time buckets in UTC: day (2026-01-31), week (ISO, named by its Monday), month (2026-01); default month.")

    static let analytics: [MethodDescriptor] = [
        MethodDescriptor(
            "analytics.revenue", "Payments per period and currency, per plan, and MRR per plan at each period's end (integer-exact).",
            access: .read, params: analyticsRange + [analyticsPeriod],
            result: [("periods", "[{period, currency, payments, gross, refunded, net}] (completed and refunded payments; decimal strings)"),
                     ("by_plan", "[{plan_id (or null), currency, payments, net}]"),
                     ("mrr", "[{period, plan_id, currency, subscriptions, mrr}]: live paid subscriptions at the period's last instant, price per month")],
            errors: ["invalid_state"]),
        MethodDescriptor(
            "analytics.subscriptions", "Subscriptions per plan and status now; started, cancelled and churned per period and plan.",
            access: .read, params: analyticsRange + [analyticsPeriod],
            result: [("by_status", "[{plan_id, status, subscriptions}]"),
                     ("periods", "[{period, plan_id, new, cancelled, churned}]: created, cancellation asked, ended (cancelled or expired)")]),
        MethodDescriptor(
            "analytics.credits", "Credits granted, used, expired and revoked per period.", access: .read,
            params: analyticsRange + [analyticsPeriod], result: [("periods", "[{period, granted, used, expired, revoked}]")],
            errors: ["invalid_state"]),
        MethodDescriptor(
            "analytics.usage", "Usage per generation type, model, endpoint, category or language, with exact response-time percentiles.",
            access: .read,
            params: analyticsRange + [
                .required("group_by", .oneOf(["usage_type", "model", "endpoint_used", "category", "language_code"]),
                          "The dimension; model is metadata.model."),
                .optional("user_id", .identifier, "Only this user (all users when omitted)."),
            ],
            result: [("rows", "[{key, requests, credits_used, tokens_used, cost_usd, response_time_ms: {count, p50, p90, p95, p99, max}}] (nearest rank)")],
            errors: ["invalid_state"]),
        MethodDescriptor(
            "analytics.top_users", "The users with the most credits used (or cost) in the range.", access: .read,
            params: analyticsRange + [
                .optional("by", .oneOf(["credits_used", "cost_usd"]), "Ordering, default credits_used."),
                .optional("limit", .integer(min: 1, max: 100), "How many, default 10."),
            ],
            result: [("users", "[{user_id, requests, credits_used, cost_usd}]")], errors: ["invalid_state"]),
        MethodDescriptor(
            "analytics.webhooks", "Lemon Squeezy deliveries per period, event name and outcome.", access: .read,
            params: analyticsRange + [analyticsPeriod], result: [("rows", "[{period, event_name, outcome, deliveries}]")]),
    ]
}
