import BillingProtocol

/// `webhooks.lemonsqueezy`: turns one signed Lemon Squeezy delivery into billing state.
///
/// It runs on the single writer, so the signature check, the delivery log and every effect
/// (subscription, payment, credits) commit together or not at all; only parsing the body happens
/// before, on the event loop (`Handler.method(_:decoding:_:)`). The rules, in order:
/// 1. no secret configured: 1010; a missing or wrong signature: 1008 (nothing is stored);
/// 2. a body that is no webhook (not JSON, no `meta.event_name`/`data`): -32602;
/// 3. a body already settled (same SHA-256): `duplicate`, nothing changes;
/// 4. otherwise the event is applied (see the `+Subscriptions`, `+Invoices`, `+Orders` files)
///    and the delivery is logged in `webhook_events` with its outcome.
enum LemonSqueezyWebhooks {
    static let subscriptionEvents: Set<String> = [
        "subscription_created", "subscription_updated", "subscription_cancelled", "subscription_resumed",
        "subscription_expired", "subscription_paused", "subscription_unpaused",
    ]

    /// `event` is `payload` parsed, or why it is no webhook (rule 2).
    static func handle(_ db: StoreSession, payload: String, event parsed: Result<LemonSqueezyEvent, BillingError>, signature: String?,
                       secret: LemonSqueezySecret?, now: Timestamp) throws -> WebhookReceipt {
        guard let secret else {
            throw BillingError(.unavailable, "Lemon Squeezy webhooks are disabled: no signing secret is configured "
                               + "(billingd serve --lemonsqueezy-secret-file, or LEMONSQUEEZY_WEBHOOK_SECRET)")
        }
        guard secret.verifies(payload, signature: signature) else {
            throw BillingError(.signatureInvalid, signature == nil ? "the webhook has no signature" : "the webhook signature does not verify",
                               details: ["field": "signature"])
        }
        let event = try parsed.get()
        if let first = try db.webhooks.settled(deliveryKey: event.deliveryKey) {
            let duplicate = WebhookResult(
                .duplicate, subscriptionID: first.subscriptionID, paymentID: first.paymentID, userID: first.userID,
                detail: "this body was delivered before as \(first.id) (\(first.outcome.rawValue)); nothing changed")
            return try WebhookLog.record(db.webhooks, event, duplicate, now: now)
        }
        return try WebhookLog.record(db.webhooks, event, try apply(db, event, now: now), now: now)
    }

    static func apply(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        func expect(_ type: String) -> WebhookResult? {
            event.objectType == type ? nil : .invalid("\(event.name) carries data.type '\(event.objectType)', expected '\(type)'")
        }
        switch event.name {
        case let name where subscriptionEvents.contains(name):
            return try expect("subscriptions") ?? syncSubscription(db, event, now: now)
        case "subscription_payment_success", "subscription_payment_recovered":
            return try expect("subscription-invoices") ?? invoicePaid(db, event, now: now)
        case "subscription_payment_failed":
            return try expect("subscription-invoices") ?? invoiceFailed(db, event, now: now)
        case "order_created":
            return try expect("orders") ?? orderCreated(db, event, now: now)
        case "order_refunded":
            return try expect("orders") ?? orderRefunded(db, event, now: now)
        default:
            return WebhookResult(.ignoredUnhandledEvent, detail: "billingd does not act on \(event.name)")
        }
    }

    /// Why a payment built from a delivery cannot be recorded, or nil when it can. The ids and
    /// text that came from the payload are checked against the rules the wire applies to them,
    /// so a value the wire would refuse becomes an `invalid_payload` outcome, never a stored payment.
    static func refusal(_ payment: PaymentsRecord.Parameters) -> String? {
        let ids: [(String, String?)] = [
            ("user_id", payment.userID), ("lemon_squeezy_order_id", payment.lemonSqueezyOrderID),
            ("lemon_squeezy_subscription_id", payment.lemonSqueezySubscriptionID),
            ("lemon_squeezy_customer_id", payment.lemonSqueezyCustomerID),
        ]
        if let (field, _) = ids.first(where: { $0.1 != nil && validID($0.1) == nil }) {
            return "cannot record the payment: '\(field)' must be 1 to 255 bytes without control characters"
        }
        if let description = payment.description, description.utf8.count > 1000 || description.utf8.contains(0) {
            return "cannot record the payment: 'description' is longer than 1000 bytes or contains a NUL byte"
        }
        return nil
    }

    /// An id from a payload that our ids accept (1 to 255 bytes, no control characters).
    static func validID(_ id: String?) -> String? {
        guard let id, !id.isEmpty, id.utf8.count <= 255,
            !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return id
    }

    /// Cents as the amount `payments.record` takes (no floating point on the way).
    static func amount(cents: Int64) -> Money { Money(minorUnits: cents, scale: Money.priceScale) }
}
