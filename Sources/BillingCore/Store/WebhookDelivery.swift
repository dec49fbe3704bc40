import BillingProtocol

/// One verified Lemon Squeezy delivery as `webhook_events` keeps it, with the outcome the domain
/// gave it.
public struct WebhookDelivery: Sendable, Equatable {
    public let id: String
    public let eventName: String
    /// SHA-256 of the raw body: the same body delivered again has the same key.
    public let deliveryKey: String
    public let objectType: String
    public let objectID: String
    public let objectUpdatedAt: Timestamp?
    public let userID: String?
    public let outcome: WebhookOutcome
    public let subscriptionID: String?
    public let paymentID: String?
    public let detail: String?
    public let receivedAt: Timestamp

    public init(id: String, eventName: String, deliveryKey: String, objectType: String, objectID: String, objectUpdatedAt: Timestamp?,
                userID: String?, outcome: WebhookOutcome, subscriptionID: String?, paymentID: String?, detail: String?,
                receivedAt: Timestamp) {
        self.id = id
        self.eventName = eventName
        self.deliveryKey = deliveryKey
        self.objectType = objectType
        self.objectID = objectID
        self.objectUpdatedAt = objectUpdatedAt
        self.userID = userID
        self.outcome = outcome
        self.subscriptionID = subscriptionID
        self.paymentID = paymentID
        self.detail = detail
        self.receivedAt = receivedAt
    }
}
