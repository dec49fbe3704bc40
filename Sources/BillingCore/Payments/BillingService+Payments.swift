import BillingProtocol

extension BillingService {
    static let paymentHandlers: [String: Handler] = [
        "payments.record": .write { ctx, db, p in try Payments.record(db, p, now: ctx.now) },
        "payments.update_status": .write { ctx, db, p in
            try Payments.updateStatus(db, p.requiredString("payment_id"), to: p.requiredString("status"), now: ctx.now)
        },
        "payments.get": .read { _, db, p in Payments.json(try Payments.get(db, p.requiredString("payment_id"))) },
        "payments.list": .read { _, db, p in
            try Payments.list(db, user: p.string("user_id"), status: p.string("status"), limit: p.int("limit") ?? 50, cursor: p.string("cursor"))
        },
    ]
}
