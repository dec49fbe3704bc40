import BillingCore
import BillingProtocol

/// `PaymentRecords` in SQL, on one store session.
public struct PaymentTable: PaymentRecords {
    let db: any Connection

    public func find(_ id: String) throws -> Payment? {
        try db.queryOne("SELECT * FROM payment_history WHERE id = ?", [.text(id)]).map(Payment.init(row:))
    }

    public func find(order: String) throws -> Payment? {
        try db.queryOne("SELECT * FROM payment_history WHERE lemon_squeezy_order_id = ?", [.text(order)]).map(Payment.init(row:))
    }

    public func insert(_ payment: Payment) throws {
        try db.run("""
            INSERT INTO payment_history (id, user_id, amount, currency, status, payment_method, payment_provider,
                lemon_squeezy_order_id, lemon_squeezy_subscription_id, lemon_squeezy_customer_id, subscription_id,
                credits_awarded, plan_id, transaction_type, description, metadata, created_at, updated_at, processed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(payment.id), .text(payment.userID), .integer(payment.amount.minorUnits), .text(payment.currency),
                .text(payment.status.rawValue), .text(payment.paymentMethod), .text(payment.paymentProvider),
                .optional(payment.lemonSqueezyOrderID), .optional(payment.lemonSqueezySubscriptionID),
                .optional(payment.lemonSqueezyCustomerID), .optional(payment.subscriptionID), .integer(payment.creditsAwarded),
                .optional(payment.planID), .text(payment.transactionType), .optional(payment.description),
                .text(payment.metadata.text), .integer(payment.createdAt.milliseconds), .integer(payment.updatedAt.milliseconds),
                .optional(payment.processedAt?.milliseconds),
            ])
    }

    public func setStatus(_ id: String, _ status: PaymentStatus, at: Timestamp) throws {
        try db.run("UPDATE payment_history SET status = ?, updated_at = ?, processed_at = ? WHERE id = ?",
                   [.text(status.rawValue), .integer(at.milliseconds), .integer(at.milliseconds), .text(id)])
    }

    public func page(user: String?, status: PaymentStatus?, after: ListPosition?, limit: Int64) throws -> [Payment] {
        try KeysetPage.rows(db, table: "payment_history", user: user, status: status?.rawValue, after: after, limit: limit)
            .map(Payment.init(row:))
    }

    public func range(from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [Payment] {
        try KeysetPage.oldestFirst(db, table: "payment_history", from: from, to: to, after: after, limit: limit).map(Payment.init(row:))
    }

    public func link(lemonSqueezySubscriptionID: String, user: String, to subscriptionID: String, planID: String,
                     at: Timestamp) throws -> Int {
        try db.run("""
            UPDATE payment_history SET subscription_id = ?, plan_id = coalesce(plan_id, ?), updated_at = ?
            WHERE lemon_squeezy_subscription_id = ? AND subscription_id IS NULL AND user_id = ?
            """, [.text(subscriptionID), .text(planID), .integer(at.milliseconds), .text(lemonSqueezySubscriptionID), .text(user)])
    }
}
