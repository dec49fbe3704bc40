/// `subscriptions.current`: the user's live subscription.
public enum SubscriptionsCurrent: BillingMethod {
    public typealias Parameters = UserParameters
    public typealias Result = Subscription

    public static let descriptor = MethodDescriptor(
        "subscriptions.current", "The user's live subscription (trialing, active, past_due or paused).", access: .read,
        params: [.required("user_id", .identifier, "The user.")], result: Subscription.fields, errors: ["not_found"])
}
