import BillingProtocol
import Crypto
import Foundation

/// One Lemon Squeezy webhook body, as Lemon Squeezy documents it: `meta.event_name`,
/// `meta.custom_data` (what our checkout passed, e.g. `user_id`) and a JSON:API resource in
/// `data` (`type` subscriptions, subscription-invoices or orders; `id`; `attributes`).
/// Lemon Squeezy writes ids and amounts as JSON integers: they are read as exact text or
/// `Int64`, never through floating point.
struct LemonSqueezyEvent: Sendable {
    let name: String
    let objectType: String
    let objectID: String
    let attributes: JSONObject
    /// `meta.custom_data.user_id` (a string or an integer); nil when absent.
    let customUserID: String?
    /// SHA-256 of the raw body, hex: identifies a delivery, so a redelivery is recognised.
    let deliveryKey: String

    /// Fails with -32602 (`field: payload`) when the body is not a webhook at all: not a JSON
    /// object, or without `meta.event_name`, `data.type` or `data.id`.
    init(payload: String) throws(BillingError) {
        let body: JSONValue
        do {
            body = try JSONParser.parse(payload)
        } catch {
            throw BillingError.invalidParams(field: "payload", "'payload' is not JSON: \(error.message) at byte \(error.offset)")
        }
        guard let name = body["meta"]?["event_name"]?.stringValue, !name.isEmpty else {
            throw BillingError.invalidParams(field: "payload", "'payload' has no meta.event_name")
        }
        guard let type = body["data"]?["type"]?.stringValue, let id = LemonSqueezyEvent.text(body["data"]?["id"]) else {
            throw BillingError.invalidParams(field: "payload", "'payload' has no data.type and data.id")
        }
        self.name = name
        objectType = type
        objectID = id
        attributes = body["data"]?["attributes"]?.objectValue ?? JSONObject()
        customUserID = LemonSqueezyEvent.text(body["meta"]?["custom_data"]?["user_id"])
        deliveryKey = SHA256.hash(data: Data(payload.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// A string, or an integer written as its digits (Lemon Squeezy ids are integers in attributes).
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)? where !s.isEmpty: s
        case .number(let n)? where Int64(n) != nil: n
        default: nil
        }
    }

    func text(_ key: String) -> String? { LemonSqueezyEvent.text(attributes[key]) }

    /// A whole number (amounts in cents, quantities).
    func integer(_ key: String) -> Int64? { attributes[key]?.int64Value }

    func bool(_ key: String) -> Bool? { attributes[key]?.boolValue }

    /// A time such as `2026-01-01T00:00:00.000000Z` (fractions past milliseconds are dropped).
    func time(_ key: String) -> Timestamp? { attributes[key]?.stringValue.flatMap(Timestamp.init(rfc3339:)) }

    /// `first_order_item.<key>` of an order.
    func orderItem(_ key: String) -> JSONValue? { attributes["first_order_item"]?[key] }

    /// `urls.<key>` of a subscription (`customer_portal`, `update_payment_method`): only an
    /// `https://` link of at most 2048 bytes is kept, anything else reads as absent.
    func url(_ key: String) -> String? {
        guard let url = attributes["urls"]?[key]?.stringValue, url.hasPrefix("https://"), url.utf8.count <= 2048,
              !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return nil }
        return url
    }

    /// `updated_at` of the object: the order of a subscription's events.
    var updatedAt: Timestamp? { time("updated_at") }

    /// An ISO 4217 code as our payments store it, or nil.
    var currency: String? {
        guard let code = text("currency")?.uppercased(), code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        else { return nil }
        return code
    }
}
