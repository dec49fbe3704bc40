import BillingProtocol

/// A Lemon Squeezy subscription status in our terms.
///
///     on_trial -> trialing     active -> active     paused -> paused
///     past_due, unpaid -> past_due
///     cancelled -> still live, cancel_at_period_end, ends at `ends_at` (Lemon Squeezy's grace period)
///     expired -> expired
enum LemonSqueezyStatus: Sendable, Equatable {
    /// A live status of ours: trialing, active, past_due or paused.
    case live(SubscriptionStatus)
    /// Cancelled but live until `ends_at`.
    case cancelled
    case expired

    init?(_ status: String) {
        switch status {
        case "on_trial": self = .live(.trialing)
        case "active": self = .live(.active)
        case "paused": self = .live(.paused)
        case "past_due", "unpaid": self = .live(.pastDue)
        case "cancelled": self = .cancelled
        case "expired": self = .expired
        default: return nil
        }
    }
}
