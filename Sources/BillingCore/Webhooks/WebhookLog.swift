import BillingProtocol

/// `webhook_events`: every verified delivery with its outcome, written in the same savepoint as
/// the billing changes it caused, so the log and the state can never disagree.
enum WebhookLog {
    /// Whether an earlier `order_refunded` for `orderID` found no payment to refund (it came first).
    static func refundSeenFirst(_ webhooks: some WebhookRecords, orderID: String) throws -> Bool {
        try webhooks.contains(event: "order_refunded", objectType: "orders", objectID: orderID, outcome: .unknownPayment)
    }

    /// Stores the delivery and returns the method's result.
    static func record(_ webhooks: some WebhookRecords, _ event: LemonSqueezyEvent, _ result: WebhookResult,
                       now: Timestamp) throws -> WebhookReceipt {
        let id = IDGenerator.make("whk")
        try webhooks.insert(WebhookDelivery(
            id: id, eventName: event.name, deliveryKey: event.deliveryKey, objectType: event.objectType, objectID: event.objectID,
            objectUpdatedAt: event.updatedAt, userID: result.userID ?? event.customUserID, outcome: result.outcome,
            subscriptionID: result.subscriptionID, paymentID: result.paymentID, detail: result.detail, receivedAt: now))
        return WebhookReceipt(outcome: result.outcome, eventName: event.name, eventID: id, subscriptionID: result.subscriptionID,
                              paymentID: result.paymentID, detail: result.detail)
    }
}
