import BillingProtocol

/// One account's stored books (`user_credits`).
public struct CreditAccount: Sendable {
    public let current: Int64
    public let reserved: Int64
    public let purchased: Int64
    public let used: Int64
    public let expired: Int64
    public let revoked: Int64
    public let usedThisPeriod: Int64
    public let subscriptionID: String?
    public let periodStart: Timestamp?
    public let periodEnd: Timestamp?
    public let lastCreditRefill: Timestamp?
    public let nextCreditRefill: Timestamp?

    public init(current: Int64, reserved: Int64, purchased: Int64, used: Int64, expired: Int64, revoked: Int64, usedThisPeriod: Int64, subscriptionID: String?, periodStart: Timestamp?, periodEnd: Timestamp?, lastCreditRefill: Timestamp?, nextCreditRefill: Timestamp?) {
        self.current = current
        self.reserved = reserved
        self.purchased = purchased
        self.used = used
        self.expired = expired
        self.revoked = revoked
        self.usedThisPeriod = usedThisPeriod
        self.subscriptionID = subscriptionID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.lastCreditRefill = lastCreditRefill
        self.nextCreditRefill = nextCreditRefill
    }
}
