import BillingProtocol

/// The effect of one delivery before it is logged: its outcome and the objects it touched.
struct WebhookResult: Sendable {
    let outcome: WebhookOutcome
    var subscriptionID: String?
    var paymentID: String?
    var userID: String?
    /// Why, in a sentence an operator can act on.
    var detail: String?

    init(_ outcome: WebhookOutcome, subscriptionID: String? = nil, paymentID: String? = nil, userID: String? = nil,
         detail: String? = nil) {
        self.outcome = outcome
        self.subscriptionID = subscriptionID
        self.paymentID = paymentID
        self.userID = userID
        self.detail = detail
    }

    static func invalid(_ detail: String) -> WebhookResult { WebhookResult(.invalidPayload, detail: detail) }
}
