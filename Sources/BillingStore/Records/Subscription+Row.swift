import BillingProtocol

extension Subscription {
    /// A `user_subscriptions` row. Its status passed the schema's CHECK, which admits exactly
    /// `SubscriptionStatus`'s cases.
    init(row: Row) {
        func time(_ name: String) -> Timestamp? { row.optionalInt(name).map(Timestamp.init(milliseconds:)) }
        self.init(
            id: row.string("id"), userID: row.string("user_id"), planID: row.string("plan_id"),
            status: SubscriptionStatus(rawValue: row.string("status")) ?? .expired,
            currentPeriodStart: Timestamp(milliseconds: row.int("current_period_start")),
            currentPeriodEnd: Timestamp(milliseconds: row.int("current_period_end")),
            cancelAtPeriodEnd: row.bool("cancel_at_period_end"),
            lemonSqueezySubscriptionID: row.optionalString("lemon_squeezy_subscription_id"),
            lemonSqueezyCustomerID: row.optionalString("lemon_squeezy_customer_id"),
            customerPortalURL: row.optionalString("customer_portal_url"), updatePaymentMethodURL: row.optionalString("update_payment_method_url"),
            trialStart: time("trial_start"), trialEnd: time("trial_end"), cancelledAt: time("cancelled_at"), pausedAt: time("paused_at"),
            endedAt: time("ended_at"), metadata: JSONText(column: row.string("metadata")),
            createdAt: Timestamp(milliseconds: row.int("created_at")), updatedAt: Timestamp(milliseconds: row.int("updated_at")))
    }
}
