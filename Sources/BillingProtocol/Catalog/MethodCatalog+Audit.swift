extension MethodCatalog {
    /// An audit entry's members, as audit.list and `billingd export audit` show them.
    public static let auditEntryFields: [(String, String)] = [
        ("id", "integer, increasing, never reused"), ("at", "timestamp of the change"), ("method", "the method, or scheduler.run_due / cli.*"),
        ("actor", "socket | cli | scheduler | webhook"), ("uid", "the caller's uid (SO_PEERCRED; the operator's for cli), or null"),
        ("pid", "the caller's pid, or null"), ("request_id", "the JSON-RPC id as JSON text (at most 255 bytes), or null"),
        ("user_id", "the user touched, or null"), ("targets", "object of the ids touched: user_id, subscription_id, plan_id, payment_id, …"),
        ("params_digest", "SHA-256 (hex) of the canonical validated params, or null"),
        ("outcome", "applied | replayed (idempotent repeat) | rejected (a typed error; nothing changed)"),
        ("error_code", "the error code of a rejected request, else null"), ("detail", "string or null: webhook event and outcome, error message, …"),
    ]

    static let audit: [MethodDescriptor] = [
        MethodDescriptor(
            "audit.list", "The audit log of state changes (all but metered consume/reserve/commit/release), newest first.", access: .read,
            params: [.optional("from", .timestamp, "Inclusive."), .optional("to", .timestamp, "Exclusive."),
                     .optional("method", .text(maxBytes: 64), "Only this method (e.g. credits.grant, scheduler.run_due, cli.restore)."),
                     .optional("user_id", .identifier, "Only entries that touched this user."), .limit, .cursor],
            result: [("entries", "[entry: \(auditEntryFields.map(\.0).joined(separator: ", "))]"), ("next_cursor", "string or null")]),
    ]
}
