import BillingCore
import BillingProtocol

/// `WebhookRecords` in SQL, on one store session.
public struct WebhookTable: WebhookRecords {
    let db: any Connection

    public func settled(deliveryKey: String) throws -> WebhookDelivery? {
        try db.queryOne("SELECT * FROM webhook_events WHERE delivery_key = ? AND settled = 1", [.text(deliveryKey)]).map { row in
            WebhookDelivery(
                id: row.string("id"), eventName: row.string("event_name"), deliveryKey: row.string("delivery_key"),
                objectType: row.string("object_type"), objectID: row.string("object_id"),
                objectUpdatedAt: row.optionalInt("object_updated_at").map(Timestamp.init(milliseconds:)), userID: row.optionalString("user_id"),
                outcome: WebhookOutcome(rawValue: row.string("outcome")) ?? .invalidPayload, subscriptionID: row.optionalString("subscription_id"),
                paymentID: row.optionalString("payment_id"), detail: row.optionalString("detail"),
                receivedAt: Timestamp(milliseconds: row.int("received_at")))
        }
    }

    public func contains(event: String, objectType: String, objectID: String, outcome: WebhookOutcome) throws -> Bool {
        try db.scalar("""
            SELECT count(*) FROM webhook_events WHERE object_type = ? AND object_id = ? AND event_name = ? AND outcome = ?
            """, [.text(objectType), .text(objectID), .text(event), .text(outcome.rawValue)]) > 0
    }

    public func insert(_ delivery: WebhookDelivery) throws {
        try db.run("""
            INSERT INTO webhook_events (id, event_name, delivery_key, object_type, object_id, object_updated_at, user_id, outcome,
                applied, settled, subscription_id, payment_id, detail, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(delivery.id), .text(delivery.eventName), .text(delivery.deliveryKey), .text(delivery.objectType),
                .text(delivery.objectID), .optional(delivery.objectUpdatedAt?.milliseconds), .optional(delivery.userID),
                .text(delivery.outcome.rawValue), .bool(delivery.outcome == .applied), .bool(delivery.outcome.isSettled),
                .optional(delivery.subscriptionID), .optional(delivery.paymentID), .optional(delivery.detail),
                .integer(delivery.receivedAt.milliseconds),
            ])
    }
}
