/// `subscriptions.get`: one subscription.
public enum SubscriptionsGet: BillingMethod {
    public typealias Result = Subscription

    public struct Parameters: MethodParameters, Equatable {
        public var subscriptionID: String

        public init(subscriptionID: String) { self.subscriptionID = subscriptionID }
        public init(validated p: Params) { subscriptionID = p.requiredString("subscription_id") }
        public var wire: JSONObject { ["subscription_id": .string(subscriptionID)] }
    }

    public static let descriptor = MethodDescriptor(
        "subscriptions.get", "One subscription.", access: .read, params: [.subscriptionID], result: Subscription.fields,
        errors: ["not_found"])
}
