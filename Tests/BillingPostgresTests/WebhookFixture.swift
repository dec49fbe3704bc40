import BillingProtocol
import Crypto
import Foundation

/// A Lemon Squeezy `subscription_created` body, shaped as Tests/BillingServerTests' fixtures
/// shape it, and its signature (swift-crypto's HMAC, independent of billingd's check).
enum WebhookFixture {
    static func sign(_ payload: String, _ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func subscriptionCreated(user: String, id: String, variant: Int64) -> String {
        let attributes: JSONObject = [
            "store_id": 1, "customer_id": 5001, "order_id": 7001, "order_item_id": 7101, "product_id": 301, "variant_id": .int(variant),
            "product_name": "Descriptions AI", "variant_name": "Monthly", "user_name": "Dana Shop", "user_email": "dana@example.com",
            "status": "active", "status_formatted": "Active", "card_brand": "visa", "card_last_four": "4242", "pause": nil,
            "cancelled": false, "trial_ends_at": nil, "billing_anchor": 1,
            "urls": ["customer_portal": "https://shop.lemonsqueezy.com/billing?expires=1767225600&signature=def"],
            "renews_at": "2026-02-01T00:00:00.000000Z", "ends_at": nil,
            "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z", "test_mode": true,
        ]
        let body: JSONValue = [
            "meta": ["test_mode": true, "event_name": "subscription_created", "custom_data": ["user_id": .string(user)]],
            "data": ["type": "subscriptions", "id": .string(id), "attributes": .object(attributes)],
        ]
        return body.serialized()
    }
}
