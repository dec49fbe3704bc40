import BillingProtocol

extension BillingService {
    static let webhookHandlers: [String: Handler] = [
        "webhooks.lemonsqueezy": .write { ctx, db, p in
            try LemonSqueezyWebhooks.handle(db, payload: p.requiredString("payload"), signature: p.string("signature"),
                                            secret: ctx.lemonSqueezySecret, now: ctx.now)
        },
    ]
}
