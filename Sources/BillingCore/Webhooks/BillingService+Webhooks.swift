import BillingProtocol

extension BillingService {
    static let webhookHandlers: [Handler] = [
        .method(WebhooksLemonSqueezy.self) { ctx, db, p in
            try LemonSqueezyWebhooks.handle(db, payload: p.payload, signature: p.signature, secret: ctx.lemonSqueezySecret, now: ctx.now)
        },
    ]
}
