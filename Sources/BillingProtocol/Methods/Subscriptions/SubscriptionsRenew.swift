/// `subscriptions.renew`: starts the next period now.
public enum SubscriptionsRenew: BillingMethod {
    public typealias Parameters = SubscriptionTarget
    public typealias Result = Subscription

    public static let descriptor = MethodDescriptor(
        "subscriptions.renew", "Starts the next period now: leftover period credits expire, a new period's credits are granted; status becomes active.",
        access: .write, params: [.subscriptionID], result: Subscription.fields, errors: ["not_found", "invalid_state"])
}
