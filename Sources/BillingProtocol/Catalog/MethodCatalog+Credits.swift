extension MethodCatalog {
    public static let balanceFields: [(String, String)] = [
        ("user_id", "the user"), ("current_credits", "spendable now"), ("reserved_credits", "held by reservations"),
        ("total_credits_purchased", "every credit ever granted"), ("total_credits_used", "spent by consume and commit"),
        ("total_credits_expired", "expired unspent"), ("total_credits_revoked", "taken back by refunds"),
        ("credits_used_this_period", "spent since the period started"), ("subscription_id", "string or null"),
        ("period_start", "timestamp or null"), ("period_end", "timestamp or null"), ("last_credit_refill", "timestamp or null"),
        ("next_credit_refill", "timestamp or null"), ("grants", "[{grant_id, source, amount, remaining, expires_at}], spending order"),
    ]

    static let userID = ParamSpec.required("user_id", .identifier, "The user.")

    static let usageParams: [ParamSpec] = [
        .optional("usage_type", .text(maxBytes: 50), "Default ai_generation."),
        .optional("product_count", .integer(min: 0, max: Int64(Int32.max)), "Default 1."),
        .optional("language_code", .text(maxBytes: 10), "e.g. en."),
        .optional("category", .text(maxBytes: 100), "Product category."),
        .optional("tokens_used", .integer(min: 0, max: Int64.max), "Model tokens."),
        .optional("response_time_ms", .integer(min: 0, max: Int64(Int32.max)), "Generation latency."),
        .optional("cost_usd", .money(scale: 6, min: 0), "Decimal, at most 6 places."),
        .optional("request_id", .identifier, "Caller's request id."), .optional("batch_id", .identifier, "Caller's batch id."),
        .optional("endpoint_used", .text(maxBytes: 100), "Caller's endpoint."), .metadata,
    ]

    static let credits: [MethodDescriptor] = [
        MethodDescriptor("credits.get", "The user's balance, totals, period and live grants.", access: .read, params: [userID],
                         result: balanceFields, errors: ["not_found"]),
        MethodDescriptor(
            "credits.grant", "Adds credits (never-expiring unless expires_at).", access: .write,
            params: [userID, .required("amount", .credits, ">= 1."),
                     .optional("source", .oneOf(["purchase", "promo", "adjustment", "refund"]), "Default purchase."),
                     .optional("expires_at", .timestamp, "In the future."), .optional("description", .text(maxBytes: 1000), "Why.")],
            result: balanceFields),
        MethodDescriptor(
            "credits.consume", "Spends credits atomically and logs one usage row (soonest-expiring credits first).", access: .write,
            params: [userID, .required("amount", .credits, ">= 1."),
                     .optional("check_rate_limit", .boolean, "Also take a rate-limit token, all or nothing."),
                     .optional("dry_run", .boolean, "Answer as if it ran; change nothing.")] + usageParams,
            result: [("usage_id", "the usage row"), ("user_id", "the user"), ("credits_used", "amount"), ("current_credits", "balance after"),
                     ("dry_run", "boolean")],
            errors: ["insufficient_credits", "rate_limited", "subscription_inactive", "plan_limit_exceeded"]),
        MethodDescriptor(
            "credits.reserve", "Holds credits for work in progress; released by the daemon at expires_at.", access: .write,
            params: [userID, .required("amount", .credits, ">= 1."),
                     .optional("ttl_ms", .integer(min: 1, max: 86_400_000), "Hold time, default 300000 (5 minutes)."),
                     .optional("product_count", .integer(min: 0, max: Int64(Int32.max)), "Products the work covers, default 1; checked against the plan's max_products_per_batch."),
                     .optional("check_rate_limit", .boolean, "Also take a rate-limit token, all or nothing.")],
            result: [("reservation_id", "id"), ("user_id", "the user"), ("amount", "held"), ("expires_at", "timestamp"),
                     ("current_credits", "balance after")],
            errors: ["insufficient_credits", "rate_limited", "subscription_inactive", "plan_limit_exceeded"]),
        MethodDescriptor(
            "credits.commit", "Spends up to the held amount (default all), logs one usage row, gives the rest back.", access: .write,
            params: [.required("reservation_id", .identifier, "The reservation."),
                     .optional("amount", .integer(min: 0, max: Int64.max), "At most the held amount.")] + usageParams,
            result: [("reservation_id", "id"), ("usage_id", "the usage row"), ("user_id", "the user"), ("credits_used", "spent"),
                     ("released", "given back"), ("current_credits", "balance after")],
            errors: ["not_found", "invalid_state", "plan_limit_exceeded"]),
        MethodDescriptor(
            "credits.release", "Gives all held credits back.", access: .write,
            params: [.required("reservation_id", .identifier, "The reservation.")],
            result: [("reservation_id", "id"), ("user_id", "the user"), ("released", "given back"), ("current_credits", "balance after")],
            errors: ["not_found", "invalid_state"]),
        MethodDescriptor(
            "credits.ledger", "Ledger entries, newest first: one per grant touched by each change.", access: .read,
            params: [userID, .limit, .cursor],
            result: [("entries", "[{entry_id, grant_id, delta, balance_after, kind, reference, created_at}]"), ("next_cursor", "string or null")],
            errors: ["not_found"]),
    ]
}
