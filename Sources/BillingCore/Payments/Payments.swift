import BillingProtocol
import BillingStore

/// `payments.*`: payment history, and the credits a completed payment awards (exactly once).
/// The status machine is `PaymentStatus.canBecome`.
enum Payments {
    static func find(_ db: Connection, _ id: String) throws -> Payment? {
        try db.queryOne("SELECT * FROM payment_history WHERE id = ?", [.text(id)]).map(Payment.init(row:))
    }

    static func get(_ db: Connection, _ id: String) throws -> Payment {
        guard let payment = try find(db, id) else { throw BillingError.notFound("payment", id) }
        return payment
    }

    /// The payment recorded under `lemon_squeezy_order_id` (an order id, or a webhook's `invoice:<id>`).
    static func find(_ db: Connection, orderID: String) throws -> Payment? {
        try db.queryOne("SELECT * FROM payment_history WHERE lemon_squeezy_order_id = ?", [.text(orderID)]).map(Payment.init(row:))
    }

    /// How each `payments.record` param reads back from a stored payment, for a repeat of the
    /// same `lemon_squeezy_order_id`: the stored payment is returned only when every param the
    /// repeat gives matches it; any difference (a new status included) is 1003, never a silent no-op.
    /// Nil means the repeat does not give that param.
    static func differences(_ p: PaymentsRecord.Parameters, _ stored: Payment) -> [String] {
        func differs<Value: Equatable>(_ given: Value?, _ storedValue: Value?) -> Bool { given != nil && given != storedValue }
        let checks: [(String, Bool)] = [
            ("payment_id", differs(p.paymentID, stored.id)), ("user_id", differs(p.userID, stored.userID)),
            ("amount", differs(p.amount.minorUnits, stored.amount.minorUnits)), ("currency", differs(p.currency, stored.currency)),
            ("status", differs(p.status, stored.status)), ("payment_method", differs(p.paymentMethod, stored.paymentMethod)),
            ("payment_provider", differs(p.paymentProvider, stored.paymentProvider)),
            ("lemon_squeezy_subscription_id", differs(p.lemonSqueezySubscriptionID, stored.lemonSqueezySubscriptionID)),
            ("lemon_squeezy_customer_id", differs(p.lemonSqueezyCustomerID, stored.lemonSqueezyCustomerID)),
            ("subscription_id", differs(p.subscriptionID, stored.subscriptionID)), ("plan_id", differs(p.planID, stored.planID)),
            ("credits_awarded", differs(p.creditsAwarded, stored.creditsAwarded)),
            ("transaction_type", differs(p.transactionType, stored.transactionType)),
            ("description", differs(p.description, stored.description)),
            ("metadata", differs(p.metadata.map { JSONValue.object($0).serialized() }, stored.metadata.serialized())),
        ]
        return checks.filter(\.1).map(\.0)
    }

    static func record(_ db: Connection, _ p: PaymentsRecord.Parameters, now: Timestamp) throws -> Payment {
        guard p.currency.utf8.count == 3, p.currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let order = p.lemonSqueezyOrderID, let stored = try find(db, orderID: order) {
            if let field = differences(p, stored).first {
                let hint = field == "status" ? " (change a status with payments.update_status)" : ""
                throw BillingError(.idempotencyConflict, "lemon_squeezy_order_id '\(order)' was recorded with a different \(field)\(hint)",
                                   details: ["field": .string(field), "payment_id": .string(stored.id)])
            }
            return stored
        }
        let id = p.paymentID ?? IDGenerator.make("pay")
        if try find(db, id) != nil { throw BillingError(.alreadyExists, "payment '\(id)' already exists", details: ["payment_id": .string(id)]) }
        if let plan = p.planID { _ = try Plans.get(db.plans, plan) }
        if let subscription = p.subscriptionID { _ = try Subscriptions.get(db, subscription) }
        try db.run("""
            INSERT INTO payment_history (id, user_id, amount, currency, status, payment_method, payment_provider,
                lemon_squeezy_order_id, lemon_squeezy_subscription_id, lemon_squeezy_customer_id, subscription_id,
                credits_awarded, plan_id, transaction_type, description, metadata, created_at, updated_at, processed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(p.userID), .integer(p.amount.minorUnits), .text(p.currency), .text(p.status.rawValue),
                .text(p.paymentMethod ?? "lemon_squeezy"), .text(p.paymentProvider ?? "lemon_squeezy"),
                .optional(p.lemonSqueezyOrderID), .optional(p.lemonSqueezySubscriptionID),
                .optional(p.lemonSqueezyCustomerID), .optional(p.subscriptionID),
                .integer(p.creditsAwarded ?? 0), .optional(p.planID),
                .text(p.transactionType ?? "subscription"), .optional(p.description),
                .text(p.metadata.map { JSONValue.object($0).serialized() } ?? "{}"), .integer(now.milliseconds), .integer(now.milliseconds),
                p.status == .pending ? .null : .integer(now.milliseconds),
            ])
        let payment = try get(db, id)
        if p.status == .completed { try award(db, payment, field: "credits_awarded", now: now) }
        return payment
    }

    /// Grants a completed payment's credits; they never expire. `field` is the param blamed
    /// when the grant would pass the user's lifetime limit.
    static func award(_ db: Connection, _ payment: Payment, field: String, now: Timestamp) throws {
        guard payment.creditsAwarded > 0 else { return }
        try Ledger.grant(db, payment.userID, amount: payment.creditsAwarded, source: "purchase", expiresAt: nil,
                         paymentID: payment.id, description: payment.description, field: field, now: now)
    }

    static func updateStatus(_ db: Connection, _ id: String, to status: PaymentStatus, now: Timestamp) throws -> Payment {
        let payment = try get(db, id)
        guard payment.status.canBecome(status) else {
            throw BillingError.invalidState("a \(payment.status.rawValue) payment cannot become \(status.rawValue)", state: payment.status.rawValue)
        }
        try db.run("UPDATE payment_history SET status = ?, updated_at = ?, processed_at = ? WHERE id = ?",
                   [.text(status.rawValue), .integer(now.milliseconds), .integer(now.milliseconds), .text(id)])
        if status == .completed { try award(db, payment, field: "status", now: now) }
        if status == .refunded { try revoke(db, payment, now: now) }
        return try get(db, id)
    }

    /// Takes back what is left of a refunded payment's credits (spent credits stay spent),
    /// including credits of it that reservations are holding: those reservations shrink.
    static func revoke(_ db: Connection, _ payment: Payment, now: Timestamp) throws {
        try Ledger.settle(db, payment.userID, now: now)
        for grant in try db.query("SELECT id, remaining FROM credit_grants WHERE payment_id = ?", [.text(payment.id)]) {
            try Reservations.revokeHeld(db, payment.userID, grantID: grant.int("id"), now: now)
            if grant.int("remaining") > 0 {
                try Ledger.revoke(db, payment.userID, grantID: grant.int("id"), amount: grant.int("remaining"),
                                  reference: "payment:\(payment.id)", now: now)
            }
        }
    }

    static func list(_ db: Connection, _ p: PaymentsList.Parameters) throws -> PaymentPage {
        let page = try Cursor.list(db, table: "payment_history", user: p.userID, status: p.status?.rawValue, limit: p.page.limit,
                                   cursor: p.page.cursor, map: Payment.init(row:))
        return PaymentPage(payments: page.items, nextCursor: page.nextCursor)
    }
}
