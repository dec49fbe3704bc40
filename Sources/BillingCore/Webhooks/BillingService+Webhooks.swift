import BillingProtocol

extension BillingService {
    static let webhookHandlers: [Handler] = [
        .method("webhooks.lemonsqueezy") { ctx, db, p in
            try LemonSqueezyWebhooks.handle(db, payload: p.requiredString("payload"), signature: p.string("signature"),
                                            secret: ctx.lemonSqueezySecret, now: ctx.now)
        },
    ]
}
