import BillingProtocol

/// Orders (`order_created`, `order_refunded`).
///
/// Credit packs: an order whose `first_order_item.variant_id` is a `credit_packs` row grants
/// `credits x quantity` never-expiring credits, through a completed payment recorded with
/// `lemon_squeezy_order_id = <order id>` (`transaction_type` credit_pack). An order for a plan's
/// variant is the subscription's first order: it is `ignored_subscription_order`, since the
/// subscription and its invoices carry that payment.
///
/// Refunds: a full refund (`refunded` true, or status refunded) of a recorded order refunds its
/// payment as `payments.update_status` does: what is left of its credits is taken back, spent
/// credits stay spent. A partial refund changes nothing. A refund that arrives before its
/// `order_created` is logged as `unknown_payment`; the later `order_created` then records the
/// payment and refunds it at once, so the credits never stay.
extension LemonSqueezyWebhooks {
    static func orderCreated(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        guard let variant = LemonSqueezyEvent.text(event.orderItem("variant_id")) else {
            return .invalid("data.attributes.first_order_item.variant_id is missing")
        }
        guard let pack = try db.packs.find(variant: variant) else {
            if let plan = try db.plans.find(variant: variant) {
                return WebhookResult(.ignoredSubscriptionOrder, userID: event.customUserID,
                                     detail: "variant '\(variant)' is plan '\(plan.id)': its payments come with the subscription's invoices")
            }
            return WebhookResult(.unknownVariant, userID: event.customUserID,
                                 detail: "variant '\(variant)' is neither a credit pack (packs.upsert) nor a plan's lemon_squeezy_variant_id")
        }
        if let stored = try db.payments.find(order: event.objectID) {
            return WebhookResult(.alreadyApplied, paymentID: stored.id, userID: stored.userID,
                                 detail: "order \(event.objectID) is already recorded")
        }
        let status = event.text("status") ?? "unknown"
        let refunded = event.bool("refunded") == true || status == "refunded"
        guard status == "paid" || refunded else {
            return WebhookResult(.ignoredUnpaidOrder, userID: event.customUserID, detail: "order status is \(status)")
        }
        guard let user = validID(event.customUserID) else {
            return WebhookResult(.unknownUser, detail: "meta.custom_data.user_id is missing or not a valid id")
        }
        guard let total = event.integer("total"), total >= 0 else { return .invalid("data.attributes.total is not a whole number of cents >= 0") }
        guard let currency = event.currency else { return .invalid("data.attributes.currency is not a 3-letter code") }
        let quantity = event.orderItem("quantity")?.int64Value ?? 1
        guard quantity >= 1 else { return .invalid("first_order_item.quantity must be at least 1") }
        let (credits, overflow) = pack.credits.multipliedReportingOverflow(by: quantity)
        guard !overflow else { return .invalid("credits x quantity exceeds 64 bits") }
        let number = event.integer("order_number").map { " #\($0)" } ?? ""
        var record = PaymentsRecord.Parameters(userID: user, amount: amount(cents: total), currency: currency, status: .completed)
        record.lemonSqueezyOrderID = event.objectID
        record.lemonSqueezyCustomerID = event.text("customer_id")
        record.transactionType = "credit_pack"
        record.creditsAwarded = credits
        record.description = "\(pack.name ?? "Credit pack") x \(quantity) (Lemon Squeezy order\(number))"
        record.metadata = JSONText(object: ["lemon_squeezy_variant_id": .string(variant), "quantity": .int(quantity)])
        if let refusal = refusal(record) { return .invalid(refusal) }
        let id = try Payments.record(db, record, now: now).id
        let refundCameFirst = try WebhookLog.refundSeenFirst(db.webhooks, orderID: event.objectID)
        if refunded || refundCameFirst {
            _ = try Payments.updateStatus(db, id, to: .refunded, now: now)
            return WebhookResult(.applied, paymentID: id, userID: user,
                                 detail: "payment recorded and refunded at once: the order was refunded before it arrived")
        }
        return WebhookResult(.applied, paymentID: id, userID: user, detail: "granted \(credits) credits")
    }

    static func orderRefunded(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        let stored = try db.payments.find(order: event.objectID)
        let full = event.bool("refunded") == true || event.text("status") == "refunded"
        guard full else {
            return WebhookResult(.ignoredPartialRefund, paymentID: stored?.id, userID: stored?.userID,
                                 detail: "a partial refund (\(event.integer("refunded_amount").map(String.init) ?? "?") cents) takes no credits back")
        }
        guard let stored else {
            return WebhookResult(.unknownPayment, userID: event.customUserID,
                                 detail: "order \(event.objectID) was never recorded here (not a credit pack, or not arrived yet)")
        }
        let id = stored.id
        let user = stored.userID
        switch stored.status {
        case .refunded:
            return WebhookResult(.alreadyApplied, paymentID: id, userID: user, detail: "the payment is already refunded")
        case .completed:
            let before = try db.credits.account(user)?.revoked ?? 0
            _ = try Payments.updateStatus(db, id, to: .refunded, now: now)
            let after = try db.credits.account(user)?.revoked ?? 0
            return WebhookResult(.applied, paymentID: id, userID: user, detail: "refunded; took back \(after - before) unspent credits")
        case .pending, .failed:
            return WebhookResult(.ignoredPaymentNotCompleted, paymentID: id, userID: user,
                                 detail: "the payment is \(stored.status.rawValue), not completed")
        }
    }
}
