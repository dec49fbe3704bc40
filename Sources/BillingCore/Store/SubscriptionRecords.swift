import BillingProtocol

/// The stored subscriptions (`user_subscriptions`) and the period pointer of their user's
/// account (`user_credits`). The domain owns the status machine (`Subscriptions`); each change
/// here is one transition's write, so two daemons on one database never overwrite each other's
/// columns with a stale copy of the row.
public protocol SubscriptionRecords {
    func find(_ id: String) throws -> Subscription?

    /// The subscription tied to a Lemon Squeezy subscription id.
    func find(lemonSqueezyID: String) throws -> Subscription?

    /// The user a subscription belongs to (nil: no such subscription).
    func owner(of id: String) throws -> String?

    /// The user's live subscription (at most one: a partial unique index says so).
    func live(user: String) throws -> Subscription?

    /// The live subscriptions of `users`, in no particular order.
    func live(users: [String]) throws -> [Subscription]

    /// The subscriptions whose period is over by `now` and that the scheduler acts on: the
    /// running ones, and paused ones cancelled at their period end. Oldest period end first.
    func periodsEnded(by now: Timestamp) throws -> [Subscription]

    /// The `updated_at` of the newest Lemon Squeezy object applied to the subscription (nil before the first).
    func lemonSqueezyUpdatedAt(_ id: String) throws -> Timestamp?

    func insert(_ subscription: Subscription, lemonSqueezyUpdatedAt: Timestamp?) throws

    func setStatus(_ id: String, _ status: SubscriptionStatus, at: Timestamp) throws

    /// Pauses it: status paused, `paused_at` now.
    func pause(_ id: String, at: Timestamp) throws

    /// Takes it out of a pause into `status`; `endingTrial` also ends a trial still running at `at`.
    func unpause(_ id: String, to status: SubscriptionStatus, endingTrial: Bool, at: Timestamp) throws

    /// Sets or takes back a cancel-at-period-end (`cancelled_at` is `at`, or cleared).
    func setCancelAtPeriodEnd(_ id: String, _ cancel: Bool, at: Timestamp) throws

    /// Ends it in `status` (cancelled or expired) at `endedAt`, keeping an earlier `cancelled_at`.
    func end(_ id: String, _ status: SubscriptionStatus, endedAt: Timestamp, at: Timestamp) throws

    /// A new active period on `planID` from `start` to `end`; a trial still running at `start` ends then.
    func renew(_ id: String, planID: String, start: Timestamp, end: Timestamp) throws

    /// The next active period of the same plan, from `start` to `end`.
    func advancePeriod(_ id: String, start: Timestamp, end: Timestamp, at: Timestamp) throws

    /// Moves it to another plan without a new period (its credits come with the next one).
    func setPlan(_ id: String, planID: String, at: Timestamp) throws

    func setPeriodEnd(_ id: String, _ end: Timestamp, at: Timestamp) throws

    /// Keeps what a Lemon Squeezy object says beyond the status: the newest `updated_at` applied,
    /// the customer id once known, and the newest portal links given (they are signed and expire).
    func noteLemonSqueezy(_ id: String, updatedAt: Timestamp, customerID: String?, portalURL: String?,
                          paymentMethodURL: String?) throws

    /// Points the user's account at the subscription's period from `start` to `end` (its next
    /// refill at `end`) and zeroes the credits used this period.
    func pointAccount(user: String, at subscriptionID: String, start: Timestamp, end: Timestamp, now: Timestamp) throws

    /// Stops the account's refills from the subscription, when it still points at it.
    func stopRefills(user: String, subscriptionID: String, at: Timestamp) throws

    /// At most `limit` subscriptions after `after`, newest first, optionally of one user and one status.
    func page(user: String?, status: SubscriptionStatus?, after: ListPosition?, limit: Int64) throws -> [Subscription]
}
