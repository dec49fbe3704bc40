/// Where a subscription stands (`user_subscriptions.status`; the schema's CHECK lists the same
/// six). The live ones are the user's one subscription; `cancelled` and `expired` are history.
public enum SubscriptionStatus: String, Sendable, CaseIterable {
    case trialing, active, pastDue = "past_due", paused, cancelled, expired

    /// A user has at most one subscription in these (the schema's partial unique index).
    public static let live: [SubscriptionStatus] = [.trialing, .active, .pastDue, .paused]
    /// The live statuses that run a period: pause, renew and a plan change start from these.
    public static let running: [SubscriptionStatus] = [.trialing, .active, .pastDue]

    public var isLive: Bool { SubscriptionStatus.live.contains(self) }
    public var isRunning: Bool { SubscriptionStatus.running.contains(self) }
}
