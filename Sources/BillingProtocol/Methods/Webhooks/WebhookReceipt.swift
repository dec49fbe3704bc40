/// The answer of `webhooks.lemonsqueezy`: what one delivery did, as logged in `webhook_events`.
public struct WebhookReceipt: MethodResult, Equatable {
    public let outcome: WebhookOutcome
    public let eventName: String
    public let eventID: String
    public let subscriptionID: String?
    public let paymentID: String?
    public let detail: String?

    public init(outcome: WebhookOutcome, eventName: String, eventID: String, subscriptionID: String?, paymentID: String?, detail: String?) {
        self.outcome = outcome
        self.eventName = eventName
        self.eventID = eventID
        self.subscriptionID = subscriptionID
        self.paymentID = paymentID
        self.detail = detail
    }

    /// Billing state changed.
    public var applied: Bool { outcome == .applied }

    public init(wire json: JSONValue) throws(RPCError) {
        guard let outcome = WebhookOutcome(rawValue: try WireField.string(json["outcome"], "outcome")) else {
            throw RPCError(.internalError, "unexpected answer: 'outcome' is not a webhook outcome")
        }
        self.init(outcome: outcome, eventName: try WireField.string(json["event_name"], "event_name"),
                  eventID: try WireField.string(json["event_id"], "event_id"),
                  subscriptionID: try WireField.optionalString(json["subscription_id"], "subscription_id"),
                  paymentID: try WireField.optionalString(json["payment_id"], "payment_id"),
                  detail: try WireField.optionalString(json["detail"], "detail"))
    }

    public var wire: JSONValue {
        .object([
            "applied": .bool(applied), "outcome": .string(outcome.rawValue), "event_name": .string(eventName), "event_id": .string(eventID),
            "subscription_id": WireField.wire(subscriptionID), "payment_id": WireField.wire(paymentID), "detail": WireField.wire(detail),
        ])
    }
}
