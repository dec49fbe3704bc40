extension MethodCatalog {
    /// Every `outcome` a webhook delivery can have (BillingCore's `WebhookOutcome`; a test keeps them equal).
    public static let webhookOutcomes = [
        "applied", "already_applied", "duplicate", "ignored_stale", "ignored_ended", "ignored_subscription_order",
        "ignored_unpaid_order", "ignored_partial_refund", "ignored_payment_not_completed", "ignored_unhandled_event",
        "invalid_payload", "unknown_user", "unknown_plan", "unknown_subscription", "unknown_variant", "unknown_payment",
        "user_mismatch", "live_subscription_exists",
    ]

    static let webhooks: [MethodDescriptor] = [
        MethodDescriptor(
            "webhooks.lemonsqueezy",
            "Applies one signed Lemon Squeezy webhook delivery (subscription, subscription invoice and order events) to subscriptions, "
                + "payments and credits, atomically with its record in webhook_events. The user comes from meta.custom_data.user_id, the "
                + "plan from the variant id, amounts are cents. A body already settled is a duplicate and changes nothing; a subscription "
                + "object older (updated_at) than the one applied is ignored_stale. See Protocol/webhooks-lemonsqueezy.md.",
            access: .write,
            params: [
                .required("payload", .text(maxBytes: 1 << 20), "The raw request body, exactly as received (the signature covers its bytes)."),
                .optional("signature", .text(maxBytes: 256), "The X-Signature header: hex HMAC-SHA256 of payload; missing or wrong is 1008."),
            ],
            result: [
                ("applied", "boolean: billing state changed"),
                ("outcome", webhookOutcomes.joined(separator: " | ")),
                ("event_name", "meta.event_name"),
                ("event_id", "this delivery's webhook_events id"),
                ("subscription_id", "the subscription it concerned, or null"),
                ("payment_id", "the payment it recorded or refunded, or null"),
                ("detail", "why, in a sentence, or null"),
            ],
            errors: ["signature_invalid", "unavailable", "invalid_params"]),
    ]
}
