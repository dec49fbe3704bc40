/// `webhooks.lemonsqueezy`: applies one signed Lemon Squeezy delivery.
public enum WebhooksLemonSqueezy: BillingMethod {
    public typealias Result = WebhookReceipt

    public struct Parameters: MethodParameters, Equatable {
        /// The raw request body, exactly as received (the signature covers its bytes).
        public var payload: String
        /// The `X-Signature` header.
        public var signature: String?
        public var idempotencyKey: String?

        public init(payload: String, signature: String?, idempotencyKey: String? = nil) {
            self.payload = payload
            self.signature = signature
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(payload: p.requiredString("payload"), signature: p.string("signature"), idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["payload": .string(payload)]
            object["signature"] = signature.map { .string($0) }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
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
            ("outcome", WebhookOutcome.allCases.map(\.rawValue).joined(separator: " | ")),
            ("event_name", "meta.event_name"),
            ("event_id", "this delivery's webhook_events id"),
            ("subscription_id", "the subscription it concerned, or null"),
            ("payment_id", "the payment it recorded or refunded, or null"),
            ("detail", "why, in a sentence, or null"),
        ],
        errors: ["signature_invalid", "unavailable", "invalid_params"])
}
