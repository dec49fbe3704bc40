import BillingProtocol

/// Subscription invoices (`subscription_payment_success`, `_recovered`, `_failed`).
///
/// Periods: a `renewal` invoice (or the first charge after a trial) billed within or after the
/// current period starts the next one through `Subscriptions.renew` (leftover period credits
/// expire, the plan's credits are granted, status active); the `initial` invoice only records
/// the payment, since the subscription's creation started its first period.
///
/// Payment ids: an invoice is recorded with `lemon_squeezy_order_id = "invoice:<invoice id>"`
/// (a failed attempt as `"invoice:<invoice id>:failed"`), so each invoice is one payment however
/// many events mention it (`_recovered` always comes with `_success`: the second finds the
/// payment and is `already_applied`). Subscription payments award no never-expiring credits:
/// the period credits of the plan are the subscription's, granted by its period.
///
/// Payment before subscription: when the invoice's subscription is not known yet, the payment is
/// still recorded for `meta.custom_data.user_id` (no subscription, no plan); when the
/// subscription arrives it is created with its first period of credits and the payment is linked
/// to it. Without a user id the event is `unknown_subscription`.
///
/// Status changes come only from subscription objects (which carry `updated_at`): a failed
/// payment records the attempt; Lemon Squeezy's `subscription_updated` (past_due) moves the status.
extension LemonSqueezyWebhooks {
    static func invoicePaid(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        try recordInvoice(db, event, status: .completed, orderKey: "invoice:\(event.objectID)", now: now) { payment, subscription, total in
            guard let subscription else {
                return "the subscription is not known yet: the payment is recorded and linked when it arrives, "
                    + "and its creation starts the paid period"
            }
            let reason = event.text("billing_reason") ?? "unknown"
            let billedAt = event.time("created_at") ?? now
            let renewable = subscription.status.isRunning
            // A renewal pays for the next period, and so does a first charge billed once a trial is
            // over. Otherwise the initial invoice pays for the period the subscription's creation
            // already started. An invoice billed before the current period began started nothing new.
            let endsTrial = reason == "initial" && total > 0 && subscription.trialEnd.map { billedAt >= $0 } == true
            let paysNextPeriod = reason == "renewal" || endsTrial
            guard renewable, paysNextPeriod, billedAt >= subscription.currentPeriodStart else {
                return "payment recorded; the period is unchanged (billing_reason \(reason), subscription \(subscription.status.rawValue))"
            }
            let renewed = try Subscriptions.renew(db, subscription.id, now: now)
            return "payment recorded; next period started until \(renewed.currentPeriodEnd.rfc3339)"
        }
    }

    static func invoiceFailed(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        try recordInvoice(db, event, status: .failed, orderKey: "invoice:\(event.objectID):failed", now: now) { _, _, _ in
            "failed payment recorded; the subscription's status follows its subscription_updated event"
        }
    }

    /// Finds the subscription and user, records the invoice once as a payment with `status`, then
    /// runs `then` (which says what else happened).
    private static func recordInvoice(
        _ db: StoreSession, _ event: LemonSqueezyEvent, status: PaymentStatus, orderKey: String, now: Timestamp,
        then: (Payment, Subscription?, Int64) throws -> String
    ) throws -> WebhookResult {
        guard let lemonSqueezySubscription = event.text("subscription_id") else { return .invalid("data.attributes.subscription_id is missing") }
        guard let total = event.integer("total"), total >= 0 else { return .invalid("data.attributes.total is not a whole number of cents >= 0") }
        guard let currency = event.currency else { return .invalid("data.attributes.currency is not a 3-letter code") }
        let subscription = try db.subscriptions.find(lemonSqueezyID: lemonSqueezySubscription)
        if let stored = try db.payments.find(order: orderKey) {
            return WebhookResult(.alreadyApplied, subscriptionID: stored.subscriptionID, paymentID: stored.id, userID: stored.userID,
                                 detail: "invoice \(event.objectID) is already recorded")
        }
        if let subscription, let user = event.customUserID, user != subscription.userID {
            return WebhookResult(.userMismatch, subscriptionID: subscription.id, userID: subscription.userID,
                                 detail: "custom_data.user_id '\(user)' but the subscription belongs to '\(subscription.userID)'")
        }
        guard let user = subscription?.userID ?? validID(event.customUserID) else {
            return WebhookResult(.unknownSubscription,
                                 detail: "Lemon Squeezy subscription '\(lemonSqueezySubscription)' is not known here and the event names no user")
        }
        var metadata: [(String, JSONText.Member)] = [("lemon_squeezy_invoice_id", .string(event.objectID))]
        if let reason = event.text("billing_reason") { metadata.append(("billing_reason", .string(reason))) }
        var record = PaymentsRecord.Parameters(userID: user, amount: amount(cents: total), currency: currency, status: status)
        record.lemonSqueezyOrderID = orderKey
        record.lemonSqueezySubscriptionID = lemonSqueezySubscription
        record.lemonSqueezyCustomerID = event.text("customer_id")
        record.subscriptionID = subscription?.id
        record.planID = subscription?.planID
        record.transactionType = "subscription"
        record.creditsAwarded = 0
        record.description = "Lemon Squeezy subscription invoice \(event.objectID)"
        record.metadata = JSONText(object: JSONText.Members(metadata))
        if let refusal = refusal(record) { return .invalid(refusal) }
        let payment = try Payments.record(db, record, now: now)
        let detail = try then(payment, subscription, total)
        return WebhookResult(.applied, subscriptionID: subscription?.id, paymentID: payment.id, userID: user, detail: detail)
    }
}
