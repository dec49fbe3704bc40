import BillingProtocol
import Crypto
import Foundation

/// Lemon Squeezy webhook bodies shaped as Lemon Squeezy documents them (docs.lemonsqueezy.com:
/// "Webhook Requests", "Event Types", and the Subscription, Subscription Invoice and Order
/// objects): `meta` with `event_name` and our checkout's `custom_data`, and a JSON:API resource
/// in `data` whose ids and amounts are JSON integers (cents). Signatures are computed here with
/// swift-crypto's HMAC, independently of billingd's own check.
enum LemonSqueezyFixtures {
    static let secret = "ls-webhook-secret-7c1f0e"
    static let webhookID = "6d9b1a0c-4b7e-4f0e-9a57-2f3c0d8e1b42"

    /// Hex HMAC-SHA256 of the body's bytes, as the `X-Signature` header carries it.
    static func sign(_ payload: String, secret: String = secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// `2026-01-01T00:00:00.000000Z` shifted by whole days (Lemon Squeezy writes microseconds).
    static func time(days: Int64 = 0, seconds: Int64 = 0) -> String {
        let t = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!.adding(milliseconds: days * 86_400_000 + seconds * 1000)
        return String(t.rfc3339.dropLast()) + "000Z"
    }

    static func formatted(_ cents: Int64) -> JSONValue {
        .string("$\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)")
    }

    static func body(_ event: String, user: String?, type: String, id: String, attributes: JSONObject,
                     relationships: [String]) -> String {
        var meta: JSONObject = ["test_mode": true, "event_name": .string(event), "webhook_id": .string(webhookID)]
        if let user { meta["custom_data"] = ["user_id": .string(user)] }
        let base = "https://api.lemonsqueezy.com/v1/\(type)/\(id)"
        let links = JSONObject(relationships.map { name in
            (name, ["links": ["related": .string("\(base)/\(name)"), "self": .string("\(base)/relationships/\(name)")]] as JSONValue)
        })
        let data: JSONValue = [
            "type": .string(type), "id": .string(id), "attributes": .object(attributes),
            "relationships": .object(links), "links": ["self": .string(base)],
        ]
        return JSONValue.object(["meta": .object(meta), "data": data]).serialized()
    }

    /// A Subscription object (`subscription_*` events other than payments).
    struct Subscription {
        var id = "1001"
        var user: String? = "u1"
        var status = "active"
        var variantID: Int64 = 101
        var customerID: Int64 = 5001
        var orderID: Int64 = 7001
        var createdAt = time()
        var updatedAt = time()
        var renewsAt: String? = time(days: 31)
        var endsAt: String?
        var trialEndsAt: String?
        var cancelled = false
        var pause: JSONValue = .null

        func payload(_ event: String) -> String {
            let attributes: JSONObject = [
                "store_id": 1, "customer_id": .int(customerID), "order_id": .int(orderID), "order_item_id": .int(orderID + 100),
                "product_id": 301, "variant_id": .int(variantID), "product_name": "Descriptions AI", "variant_name": "Monthly",
                "user_name": "Dana Shop", "user_email": "dana@example.com", "status": .string(status),
                "status_formatted": .string(status.prefix(1).uppercased() + status.dropFirst().replacingOccurrences(of: "_", with: " ")),
                "card_brand": "visa", "card_last_four": "4242", "payment_processor": "stripe", "pause": pause,
                "cancelled": .bool(cancelled), "trial_ends_at": trialEndsAt.map { .string($0) } ?? .null, "billing_anchor": 1,
                "first_subscription_item": [
                    "id": .int(customerID + 1), "subscription_id": .int(Int64(id)!), "price_id": 401, "quantity": 1,
                    "is_usage_based": false, "created_at": .string(createdAt), "updated_at": .string(updatedAt),
                ],
                "urls": [
                    "update_payment_method": .string("https://shop.lemonsqueezy.com/subscription/\(id)/payment-details?signature=abc"),
                    "customer_portal": "https://shop.lemonsqueezy.com/billing?expires=1767225600&signature=def",
                ],
                "renews_at": renewsAt.map { .string($0) } ?? .null, "ends_at": endsAt.map { .string($0) } ?? .null,
                "created_at": .string(createdAt), "updated_at": .string(updatedAt), "test_mode": true,
            ]
            return body(event, user: user, type: "subscriptions", id: id, attributes: attributes,
                        relationships: ["store", "customer", "order", "order-item", "product", "variant", "subscription-items",
                                        "subscription-invoices"])
        }
    }

    /// A Subscription Invoice object (`subscription_payment_*` events).
    struct Invoice {
        var id = "3001"
        var user: String? = "u1"
        var subscriptionID: Int64 = 1001
        var customerID: Int64 = 5001
        var billingReason = "initial"
        var status = "paid"
        var total: Int64 = 999
        var currency = "USD"
        var createdAt = time()
        var updatedAt = time()

        func payload(_ event: String) -> String {
            let attributes: JSONObject = [
                "store_id": 1, "subscription_id": .int(subscriptionID), "customer_id": .int(customerID), "user_name": "Dana Shop",
                "user_email": "dana@example.com", "billing_reason": .string(billingReason), "card_brand": "visa",
                "card_last_four": "4242", "currency": .string(currency), "currency_rate": "1.00000000", "status": .string(status),
                "status_formatted": .string(status.prefix(1).uppercased() + status.dropFirst()), "refunded": false,
                "refunded_at": nil, "subtotal": .int(total), "discount_total": 0, "tax": 0, "tax_inclusive": false,
                "total": .int(total), "refunded_amount": 0, "subtotal_usd": .int(total), "discount_total_usd": 0, "tax_usd": 0,
                "total_usd": .int(total), "refunded_amount_usd": 0, "subtotal_formatted": formatted(total),
                "discount_total_formatted": "$0.00", "tax_formatted": "$0.00", "total_formatted": formatted(total),
                "refunded_amount_formatted": "$0.00",
                "urls": ["invoice_url": .string("https://app.lemonsqueezy.com/my-orders/abc/subscription-invoice/\(id)?signature=ghi")],
                "created_at": .string(createdAt), "updated_at": .string(updatedAt), "test_mode": true,
            ]
            return body(event, user: user, type: "subscription-invoices", id: id, attributes: attributes,
                        relationships: ["store", "subscription", "customer"])
        }
    }

    /// An Order object (`order_created`, `order_refunded`).
    struct Order {
        var id = "9001"
        var user: String? = "u1"
        var variantID: Int64 = 201
        var quantity: Int64 = 1
        var customerID: Int64 = 5001
        var total: Int64 = 1900
        var status = "paid"
        var refunded = false
        var refundedAmount: Int64 = 0
        var createdAt = time()
        var updatedAt = time()

        func payload(_ event: String) -> String {
            let attributes: JSONObject = [
                "store_id": 1, "customer_id": .int(customerID), "identifier": "104e18a2-d755-4d4b-80c4-a6c1dcbe1c10",
                "order_number": .int(Int64(id)! - 9000), "user_name": "Dana Shop", "user_email": "dana@example.com",
                "currency": "USD", "currency_rate": "1.0000", "subtotal": .int(total), "setup_fee": 0, "discount_total": 0, "tax": 0,
                "total": .int(total), "refunded_amount": .int(refundedAmount), "subtotal_usd": .int(total), "setup_fee_usd": 0,
                "discount_total_usd": 0, "tax_usd": 0, "total_usd": .int(total), "refunded_amount_usd": .int(refundedAmount),
                "tax_name": nil, "tax_rate": "0.00", "tax_inclusive": false, "status": .string(status),
                "status_formatted": .string(status.prefix(1).uppercased() + status.dropFirst().replacingOccurrences(of: "_", with: " ")),
                "refunded": .bool(refunded), "refunded_at": refunded ? .string(updatedAt) : .null,
                "subtotal_formatted": formatted(total), "setup_fee_formatted": "$0.00", "discount_total_formatted": "$0.00",
                "tax_formatted": "$0.00", "total_formatted": formatted(total), "refunded_amount_formatted": formatted(refundedAmount),
                "first_order_item": [
                    "id": .int(Int64(id)! + 100), "order_id": .int(Int64(id)!), "product_id": 302, "variant_id": .int(variantID),
                    "price_id": 402, "product_name": "Credit pack", "variant_name": "500 credits", "price": .int(total / quantity),
                    "quantity": .int(quantity), "created_at": .string(createdAt), "updated_at": .string(updatedAt), "test_mode": true,
                ],
                "urls": ["receipt": .string("https://app.lemonsqueezy.com/my-orders/104e18a2/receipt?signature=jkl")],
                "created_at": .string(createdAt), "updated_at": .string(updatedAt), "test_mode": true,
            ]
            return body(event, user: user, type: "orders", id: id, attributes: attributes,
                        relationships: ["store", "customer", "order-items", "subscriptions", "license-keys", "discount-redemptions"])
        }
    }
}
