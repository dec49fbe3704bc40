import BillingProtocol

/// `payments.*`: payment history, and the credits a completed payment awards (exactly once).
/// The status machine is `PaymentStatus.canBecome`.
enum Payments {
    static func get(_ db: StoreSession, _ id: String) throws -> Payment {
        guard let payment = try db.payments.find(id) else { throw BillingError.notFound("payment", id) }
        return payment
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
            ("metadata", differs(p.metadata, stored.metadata)),
        ]
        return checks.filter(\.1).map(\.0)
    }

    static func record(_ db: StoreSession, _ p: PaymentsRecord.Parameters, now: Timestamp) throws -> Payment {
        guard p.currency.utf8.count == 3, p.currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let order = p.lemonSqueezyOrderID, let stored = try db.payments.find(order: order) {
            if let field = differences(p, stored).first {
                let hint = field == "status" ? " (change a status with payments.update_status)" : ""
                throw BillingError(.idempotencyConflict, "lemon_squeezy_order_id '\(order)' was recorded with a different \(field)\(hint)",
                                   details: ["field": .string(field), "payment_id": .string(stored.id)])
            }
            return stored
        }
        let id = p.paymentID ?? IDGenerator.make("pay")
        if try db.payments.find(id) != nil { throw BillingError(.alreadyExists, "payment '\(id)' already exists", details: ["payment_id": .string(id)]) }
        if let plan = p.planID { _ = try Plans.get(db.plans, plan) }
        if let subscription = p.subscriptionID { _ = try Subscriptions.get(db, subscription) }
        try db.payments.insert(Payment(
            id: id, userID: p.userID, amount: p.amount, currency: p.currency, status: p.status,
            paymentMethod: p.paymentMethod ?? "lemon_squeezy", paymentProvider: p.paymentProvider ?? "lemon_squeezy",
            lemonSqueezyOrderID: p.lemonSqueezyOrderID, lemonSqueezySubscriptionID: p.lemonSqueezySubscriptionID,
            lemonSqueezyCustomerID: p.lemonSqueezyCustomerID, subscriptionID: p.subscriptionID, creditsAwarded: p.creditsAwarded ?? 0,
            planID: p.planID, transactionType: p.transactionType ?? "subscription", description: p.description,
            metadata: p.metadata ?? .emptyObject, createdAt: now, updatedAt: now,
            processedAt: p.status == .pending ? nil : now))
        let payment = try get(db, id)
        if p.status == .completed { try award(db, payment, field: "credits_awarded", now: now) }
        return payment
    }

    /// Grants a completed payment's credits; they never expire. `field` is the param blamed
    /// when the grant would pass the user's lifetime limit.
    static func award(_ db: StoreSession, _ payment: Payment, field: String, now: Timestamp) throws {
        guard payment.creditsAwarded > 0 else { return }
        try Ledger.grant(db, payment.userID, amount: payment.creditsAwarded, source: "purchase", expiresAt: nil,
                         paymentID: payment.id, description: payment.description, field: field, now: now)
    }

    static func updateStatus(_ db: StoreSession, _ id: String, to status: PaymentStatus, now: Timestamp) throws -> Payment {
        let payment = try get(db, id)
        guard payment.status.canBecome(status) else {
            throw BillingError.invalidState("a \(payment.status.rawValue) payment cannot become \(status.rawValue)", state: payment.status.rawValue)
        }
        try db.payments.setStatus(id, status, at: now)
        if status == .completed { try award(db, payment, field: "status", now: now) }
        if status == .refunded { try revoke(db, payment, now: now) }
        return try get(db, id)
    }

    /// Takes back what is left of a refunded payment's credits (spent credits stay spent),
    /// including credits of it that reservations are holding: those reservations shrink.
    static func revoke(_ db: StoreSession, _ payment: Payment, now: Timestamp) throws {
        try Ledger.settle(db, payment.userID, now: now)
        for grant in try db.credits.grants(ofPayment: payment.id) {
            try Reservations.revokeHeld(db, payment.userID, grantID: grant.id, now: now)
            if grant.remaining > 0 {
                try Ledger.revoke(db, payment.userID, grantID: grant.id, amount: grant.remaining,
                                  reference: "payment:\(payment.id)", now: now)
            }
        }
    }

    static func list(_ db: StoreSession, _ p: PaymentsList.Parameters) throws -> PaymentPage {
        let rows = try db.payments.page(user: p.userID, status: p.status, after: try Cursor.decode(p.page.cursor), limit: p.page.limit + 1)
        let page = Cursor.page(rows, limit: p.page.limit) { ($0.createdAt, $0.id) }
        return PaymentPage(payments: page.items, nextCursor: page.nextCursor)
    }
}
