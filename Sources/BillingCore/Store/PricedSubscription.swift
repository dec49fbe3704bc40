import BillingProtocol

/// A subscription with its current plan's price: what MRR is rebuilt from. The domain decides
/// when such a subscription counts; the store only finds the ones that can (plan changes are not
/// kept as history, so the current plan is the one there is).
public struct PricedSubscription: Sendable, Equatable {
    public let planID: String
    public let status: SubscriptionStatus
    public let createdAt: Timestamp
    public let trialEnd: Timestamp?
    public let pausedAt: Timestamp?
    public let endedAt: Timestamp?
    public let price: Money
    public let currency: String
    public let billingInterval: Timestamp.CalendarUnit

    public init(planID: String, status: SubscriptionStatus, createdAt: Timestamp, trialEnd: Timestamp?, pausedAt: Timestamp?,
                endedAt: Timestamp?, price: Money, currency: String, billingInterval: Timestamp.CalendarUnit) {
        self.planID = planID
        self.status = status
        self.createdAt = createdAt
        self.trialEnd = trialEnd
        self.pausedAt = pausedAt
        self.endedAt = endedAt
        self.price = price
        self.currency = currency
        self.billingInterval = billingInterval
    }
}
