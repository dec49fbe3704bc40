import BillingProtocol

/// The stored webhook deliveries (`webhook_events`), written in the same transaction as the
/// billing changes they caused.
public protocol WebhookRecords {
    /// The settled delivery of the body with this key, if any (`WebhookOutcome.isSettled`).
    func settled(deliveryKey: String) throws -> WebhookDelivery?

    /// Whether a delivery of `event` for the object `objectType`/`objectID` had `outcome`.
    func contains(event: String, objectType: String, objectID: String, outcome: WebhookOutcome) throws -> Bool

    func insert(_ delivery: WebhookDelivery) throws
}
