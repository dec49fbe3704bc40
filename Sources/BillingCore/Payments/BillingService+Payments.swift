import BillingProtocol

extension BillingService {
    static let paymentHandlers: [Handler] = [
        .method(PaymentsRecord.self) { ctx, db, p in try Payments.record(db, p, now: ctx.now) },
        .method(PaymentsUpdateStatus.self) { ctx, db, p in try Payments.updateStatus(db, p.paymentID, to: p.status, now: ctx.now) },
        .method(PaymentsGet.self) { _, db, p in try Payments.get(db, p.paymentID) },
        .method(PaymentsList.self) { _, db, p in try Payments.list(db, p) },
    ]
}
