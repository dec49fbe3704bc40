import BillingCore
import BillingProtocol

extension CreditAccount {
    /// A `user_credits` row.
    init(row: Row) {
        func time(_ name: String) -> Timestamp? { row.optionalInt(name).map(Timestamp.init(milliseconds:)) }
        self.init(
            current: row.int("current_credits"), reserved: row.int("reserved_credits"), purchased: row.int("total_credits_purchased"),
            used: row.int("total_credits_used"), expired: row.int("total_credits_expired"), revoked: row.int("total_credits_revoked"),
            usedThisPeriod: row.int("credits_used_this_period"), subscriptionID: row.optionalString("subscription_id"),
            periodStart: time("period_start"), periodEnd: time("period_end"), lastCreditRefill: time("last_credit_refill"),
            nextCreditRefill: time("next_credit_refill"))
    }
}
