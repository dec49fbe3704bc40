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

    init(row: Row) {
        func time(_ name: String) -> Timestamp? { row.optionalInt(name).map(Timestamp.init(milliseconds:)) }
        current = row.int("current_credits")
        reserved = row.int("reserved_credits")
        purchased = row.int("total_credits_purchased")
        used = row.int("total_credits_used")
        expired = row.int("total_credits_expired")
        revoked = row.int("total_credits_revoked")
        usedThisPeriod = row.int("credits_used_this_period")
        subscriptionID = row.optionalString("subscription_id")
        periodStart = time("period_start")
        periodEnd = time("period_end")
        lastCreditRefill = time("last_credit_refill")
        nextCreditRefill = time("next_credit_refill")
    }
}
