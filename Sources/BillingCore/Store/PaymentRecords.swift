import BillingProtocol

/// The stored payment history (`payment_history`). The domain decides which status a payment
/// may take and what it awards; the store keeps the rows.
public protocol PaymentRecords {
    func find(_ id: String) throws -> Payment?

    /// The payment recorded under `lemon_squeezy_order_id` (an order id, or a webhook's `invoice:<id>`).
    func find(order: String) throws -> Payment?

    func insert(_ payment: Payment) throws

    /// Sets the status, and marks the payment updated and processed at `at`.
    func setStatus(_ id: String, _ status: PaymentStatus, at: Timestamp) throws

    /// At most `limit` payments after `after`, newest first, optionally of one user and one status.
    func page(user: String?, status: PaymentStatus?, after: ListPosition?, limit: Int64) throws -> [Payment]

    /// At most `limit` payments created in [`from`, `to`) after `after`, oldest first (exports).
    func range(from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [Payment]

    /// Ties the user's payments recorded under a Lemon Squeezy subscription before it arrived
    /// (payment_success first) to `subscriptionID`, and to `planID` when they name no plan.
    /// Returns how many it tied.
    func link(lemonSqueezySubscriptionID: String, user: String, to subscriptionID: String, planID: String, at: Timestamp) throws -> Int
}
