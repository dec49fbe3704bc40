import BillingProtocol
import BillingStore

/// `webhook_events`: every verified delivery with its outcome, written in the same savepoint as
/// the billing changes it caused, so the log and the state can never disagree.
enum WebhookLog {
    /// The settled delivery of the same body, if any (see `WebhookOutcome.isSettled`).
    static func settled(_ db: Connection, deliveryKey: String) throws -> Row? {
        try db.queryOne("SELECT * FROM webhook_events WHERE delivery_key = ? AND settled = 1", [.text(deliveryKey)])
    }

    /// Whether an earlier `order_refunded` for `orderID` found no payment to refund (it came first).
    static func refundSeenFirst(_ db: Connection, orderID: String) throws -> Bool {
        try db.scalar("""
            SELECT count(*) FROM webhook_events
            WHERE object_type = 'orders' AND object_id = ? AND event_name = 'order_refunded' AND outcome = ?
            """, [.text(orderID), .text(WebhookOutcome.unknownPayment.rawValue)]) > 0
    }

    /// Stores the delivery and returns the method's result.
    static func record(_ db: Connection, _ event: LemonSqueezyEvent, _ result: WebhookResult, now: Timestamp) throws -> WebhookReceipt {
        let id = IDGenerator.make("whk")
        try db.run("""
            INSERT INTO webhook_events (id, event_name, delivery_key, object_type, object_id, object_updated_at, user_id, outcome,
                applied, settled, subscription_id, payment_id, detail, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(event.name), .text(event.deliveryKey), .text(event.objectType), .text(event.objectID),
                .optional(event.updatedAt?.milliseconds), .optional(result.userID ?? event.customUserID), .text(result.outcome.rawValue),
                .bool(result.outcome == .applied), .bool(result.outcome.isSettled), .optional(result.subscriptionID),
                .optional(result.paymentID), .optional(result.detail), .integer(now.milliseconds),
            ])
        return WebhookReceipt(outcome: result.outcome, eventName: event.name, eventID: id, subscriptionID: result.subscriptionID,
                              paymentID: result.paymentID, detail: result.detail)
    }
}
