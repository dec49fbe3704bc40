extension MethodCatalog {
    /// A usage row's members, as usage.list and exports show them.
    public static let usageRowFields = ["id", "usage_id", "user_id", "usage_type", "credits_used", "product_count", "language_code", "category",
                                        "tokens_used", "response_time_ms", "cost_usd", "request_id", "batch_id", "endpoint_used", "metadata",
                                        "created_at"]

    static let usage: [MethodDescriptor] = [
        MethodDescriptor(
            "usage.list", "Usage rows of a user, newest first, created in [from, to).", access: .read,
            params: [.required("user_id", .identifier, "The user."), .optional("from", .timestamp, "Inclusive."),
                     .optional("to", .timestamp, "Exclusive."), .limit, .cursor],
            result: [("usage", "[usage row: \(usageRowFields.joined(separator: ", "))]"),
                     ("next_cursor", "string or null")]),
        MethodDescriptor(
            "usage.summary", "Totals per group over [from, to), ordered by key.", access: .read,
            params: [.optional("user_id", .identifier, "Only this user (all users when omitted)."),
                     .required("from", .timestamp, "Inclusive."), .required("to", .timestamp, "Exclusive."),
                     .required("group_by", .oneOf(["day", "usage_type", "category", "language_code", "endpoint_used"]), "Grouping (day is the UTC date).")],
            result: [("rows", "[{key, requests, credits_used, product_count, tokens_used, cost_usd (decimal string), avg_response_time_ms (integer or null)}]")]),
    ]
}
