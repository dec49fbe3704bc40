/// `subscriptions.cancel`: at the period end (default), or now.
public enum SubscriptionsCancel: BillingMethod {
    public typealias Result = Subscription

    public struct Parameters: MethodParameters, Equatable {
        public var subscriptionID: String
        /// Nil means the default, true.
        public var atPeriodEnd: Bool?
        public var idempotencyKey: String?

        public init(subscriptionID: String, atPeriodEnd: Bool? = nil, idempotencyKey: String? = nil) {
            self.subscriptionID = subscriptionID
            self.atPeriodEnd = atPeriodEnd
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(subscriptionID: p.requiredString("subscription_id"), atPeriodEnd: p.bool("at_period_end"),
                      idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["subscription_id": .string(subscriptionID)]
            object["at_period_end"] = atPeriodEnd.map { .bool($0) }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "subscriptions.cancel", "Cancels at the period end (default) or now; now expires the remaining period credits.", access: .write,
        params: [.subscriptionID, .optional("at_period_end", .boolean, "Default true.")], result: Subscription.fields,
        errors: ["not_found", "invalid_state"])
}
