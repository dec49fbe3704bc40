import BillingProtocol

extension Payment {
    /// A `payment_history` row. Its status passed the schema's CHECK, which admits exactly
    /// `PaymentStatus`'s cases.
    init(row: Row) {
        self.init(
            id: row.string("id"), userID: row.string("user_id"), amount: Money(minorUnits: row.int("amount"), scale: Money.priceScale),
            currency: row.string("currency"), status: PaymentStatus(rawValue: row.string("status")) ?? .pending,
            paymentMethod: row.string("payment_method"), paymentProvider: row.string("payment_provider"),
            lemonSqueezyOrderID: row.optionalString("lemon_squeezy_order_id"),
            lemonSqueezySubscriptionID: row.optionalString("lemon_squeezy_subscription_id"),
            lemonSqueezyCustomerID: row.optionalString("lemon_squeezy_customer_id"), subscriptionID: row.optionalString("subscription_id"),
            creditsAwarded: row.int("credits_awarded"), planID: row.optionalString("plan_id"),
            transactionType: row.string("transaction_type"), description: row.optionalString("description"),
            metadata: JSONText(column: row.string("metadata")),
            createdAt: Timestamp(milliseconds: row.int("created_at")), updatedAt: Timestamp(milliseconds: row.int("updated_at")),
            processedAt: row.optionalInt("processed_at").map(Timestamp.init(milliseconds:)))
    }
}
