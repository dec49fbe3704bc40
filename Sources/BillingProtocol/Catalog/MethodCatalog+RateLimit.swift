extension MethodCatalog {
    static let ratelimit: [MethodDescriptor] = [
        MethodDescriptor(
            "ratelimit.check", "Takes `cost` tokens from the user's plan limits when allowed; a denial is a result, not an error.",
            access: .read,
            params: [.required("user_id", .identifier, "The user."), .optional("cost", .integer(min: 1, max: 1_000_000), "Default 1.")],
            result: [("allowed", "boolean"), ("retry_after_ms", "0 when allowed; else until every denying window has reset"),
                     ("limits", "{minute: {limit, remaining, reset_ms}, hour: {…}, day: {…}}; day only when max_api_calls_per_day > 0")]),
    ]
}
