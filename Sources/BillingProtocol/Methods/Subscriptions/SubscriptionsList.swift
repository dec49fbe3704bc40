/// `subscriptions.list`: subscriptions, newest first, optionally of one user and one status.
public enum SubscriptionsList: BillingMethod {
    public typealias Result = SubscriptionPage

    public typealias Parameters = UserStatusPageParameters<SubscriptionStatus>

    public static let descriptor = MethodDescriptor(
        "subscriptions.list", "Subscriptions, newest first.", access: .read,
        params: [.optional("user_id", .identifier, "Only this user's."),
                 .optional("status", .oneOf(SubscriptionStatus.allCases.map(\.rawValue)), "Only this status."), .limit, .cursor],
        result: [("subscriptions", "[subscription]"), ("next_cursor", "string or null")])
}
