/// `subscriptions.pause`: spending is then 1006 until resumed.
public enum SubscriptionsPause: BillingMethod {
    public typealias Parameters = SubscriptionTarget
    public typealias Result = Subscription

    public static let descriptor = MethodDescriptor(
        "subscriptions.pause", "Pauses a trialing, active or past_due subscription; spending is then 1006.", access: .write,
        params: [.subscriptionID], result: Subscription.fields, errors: ["not_found", "invalid_state"])
}
