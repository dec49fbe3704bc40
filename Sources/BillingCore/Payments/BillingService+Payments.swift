import BillingProtocol

extension BillingService {
    static let paymentHandlers: [Handler] = [
        .method("payments.record") { ctx, db, p in try Payments.record(db, p, now: ctx.now) },
        .method("payments.update_status") { ctx, db, p in
            try Payments.updateStatus(db, p.requiredString("payment_id"), to: p.requiredString("status"), now: ctx.now)
        },
        .method("payments.get") { _, db, p in Payments.json(try Payments.get(db, p.requiredString("payment_id"))) },
        .method("payments.list") { _, db, p in
            try Payments.list(db, user: p.string("user_id"), status: p.string("status"), limit: p.int("limit") ?? 50, cursor: p.string("cursor"))
        },
    ]
}
