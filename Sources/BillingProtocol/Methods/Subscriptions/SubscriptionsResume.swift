/// `subscriptions.resume`: undoes a pause, or a cancel-at-period-end.
public enum SubscriptionsResume: BillingMethod {
    public typealias Parameters = SubscriptionTarget
    public typealias Result = Subscription

    public static let descriptor = MethodDescriptor(
        "subscriptions.resume", "Resumes a paused subscription, or takes back a cancel-at-period-end.", access: .write,
        params: [.subscriptionID], result: Subscription.fields, errors: ["not_found", "invalid_state"])
}
