/// What one webhook delivery did, as `outcome` on the wire and in `webhook_events`.
///
/// A *settled* outcome is final for that body: the same body again is a `duplicate` and changes
/// nothing. The others (an unknown user, plan, variant, subscription or payment, a conflict)
/// depend on configuration or on events still to come, so the same body delivered again (Lemon
/// Squeezy's "resend" after the operator fixed the cause) is looked at afresh.
public enum WebhookOutcome: String, Sendable, CaseIterable {
    /// Billing state changed.
    case applied
    /// Already reflected (the same invoice or order seen through another event, or state that already matches).
    case alreadyApplied = "already_applied"
    /// The very same body was already settled.
    case duplicate
    /// The subscription object is older (`updated_at`) than the one already applied.
    case ignoredStale = "ignored_stale"
    /// The subscription already ended here; an ended subscription is never revived.
    case ignoredEnded = "ignored_ended"
    /// An order for a plan's variant: a subscription's payment comes through `subscription_payment_success`.
    case ignoredSubscriptionOrder = "ignored_subscription_order"
    /// An order that is not paid (yet): nothing is granted for it.
    case ignoredUnpaidOrder = "ignored_unpaid_order"
    /// A partial refund: credits are only taken back on a full refund.
    case ignoredPartialRefund = "ignored_partial_refund"
    /// A refund of a payment that is not completed here.
    case ignoredPaymentNotCompleted = "ignored_payment_not_completed"
    /// An event name billingd does not act on (e.g. license keys).
    case ignoredUnhandledEvent = "ignored_unhandled_event"
    /// The body is a webhook but lacks or garbles a field the event needs (`detail` names it).
    case invalidPayload = "invalid_payload"
    /// No usable `meta.custom_data.user_id` where one is needed.
    case unknownUser = "unknown_user"
    /// The subscription's variant is no plan's `lemon_squeezy_variant_id`.
    case unknownPlan = "unknown_plan"
    /// A payment event for a subscription billingd does not know, with no user to record it for.
    case unknownSubscription = "unknown_subscription"
    /// An order's variant is neither a credit pack nor a plan.
    case unknownVariant = "unknown_variant"
    /// A refund of an order billingd never recorded.
    case unknownPayment = "unknown_payment"
    /// `meta.custom_data.user_id` names another user than the one the subscription belongs to.
    case userMismatch = "user_mismatch"
    /// The user already has a live subscription tied to another Lemon Squeezy subscription.
    case liveSubscriptionExists = "live_subscription_exists"

    public var isSettled: Bool {
        switch self {
        case .applied, .alreadyApplied, .ignoredStale, .ignoredEnded, .ignoredSubscriptionOrder, .ignoredUnpaidOrder,
             .ignoredPartialRefund, .ignoredPaymentNotCompleted, .ignoredUnhandledEvent, .invalidPayload:
            true
        case .duplicate, .unknownUser, .unknownPlan, .unknownSubscription, .unknownVariant, .unknownPayment, .userMismatch,
             .liveSubscriptionExists:
            false
        }
    }
}
