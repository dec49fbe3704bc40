extension MethodCatalog {
    public static let paymentFields: [(String, String)] = [
        ("id", "payment id"), ("payment_id", "the same id"), ("user_id", "payer"), ("amount", "decimal string, 2 places"),
        ("currency", "ISO 4217"), ("status", "pending | completed | failed | refunded"), ("payment_method", "string"),
        ("payment_provider", "string"), ("lemon_squeezy_order_id", "string or null"), ("lemon_squeezy_subscription_id", "string or null"),
        ("lemon_squeezy_customer_id", "string or null"), ("subscription_id", "string or null"), ("credits_awarded", "integer"),
        ("plan_id", "string or null"), ("transaction_type", "string"), ("description", "string or null"), ("metadata", "object"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"), ("processed_at", "timestamp or null"),
    ]

    static let paymentStatuses = ["pending", "completed", "failed", "refunded"]

    static let payments: [MethodDescriptor] = [
        MethodDescriptor(
            "payments.record", "Records a payment; a completed one grants credits_awarded once. Idempotent on lemon_squeezy_order_id.",
            access: .write,
            params: [
                .required("user_id", .identifier, "The payer."), .required("amount", .money(scale: 2, min: 0), ">= 0, at most 2 decimals."),
                .required("currency", .text(maxBytes: 3), "3-letter upper-case code."), .required("status", .oneOf(paymentStatuses), "Status."),
                .optional("payment_id", .identifier, "Your id; made up when omitted."),
                .optional("payment_method", .text(maxBytes: 50), "Default lemon_squeezy."),
                .optional("payment_provider", .text(maxBytes: 50), "Default lemon_squeezy."),
                .optional("lemon_squeezy_order_id", .identifier, "Unique; a repeat returns the stored payment."),
                .optional("lemon_squeezy_subscription_id", .identifier, "Lemon Squeezy subscription."),
                .optional("lemon_squeezy_customer_id", .identifier, "Lemon Squeezy customer."),
                .optional("subscription_id", .identifier, "An existing subscription."), .optional("plan_id", .planID, "An existing plan."),
                .optional("credits_awarded", .integer(min: 0, max: Int64.max), "Granted when completed."),
                .optional("transaction_type", .text(maxBytes: 50), "Default subscription."),
                .optional("description", .text(maxBytes: 1000), "Free text."), .metadata,
            ],
            result: paymentFields, errors: ["not_found", "already_exists", "idempotency_conflict"]),
        MethodDescriptor(
            "payments.update_status", "pending -> completed | failed; completed -> refunded. Completing grants, refunding takes back what is left.",
            access: .write,
            params: [.required("payment_id", .identifier, "The payment."), .required("status", .oneOf(paymentStatuses), "The new status.")],
            result: paymentFields, errors: ["not_found", "invalid_state"]),
        MethodDescriptor("payments.get", "One payment.", access: .read, params: [.required("payment_id", .identifier, "The payment.")],
                         result: paymentFields, errors: ["not_found"]),
        MethodDescriptor(
            "payments.list", "Payments, newest first.", access: .read,
            params: [.optional("user_id", .identifier, "Only this user's."), .optional("status", .oneOf(paymentStatuses), "Only this status."),
                     .limit, .cursor],
            result: [("payments", "[payment]"), ("next_cursor", "string or null")]),
    ]
}
