import BillingProtocol

extension BillingService {
    static let webhookHandlers: [Handler] = [
        // The body is parsed (and its delivery key hashed) on the event loop; the writer checks
        // the signature first, so a bad body with a bad signature is still 1008.
        .method(WebhooksLemonSqueezy.self, decoding: { p in Result { () throws(BillingError) in try LemonSqueezyEvent(payload: p.payload) } }) {
            ctx, db, p, event in
            try LemonSqueezyWebhooks.handle(db, payload: p.payload, event: event, signature: p.signature, secret: ctx.lemonSqueezySecret,
                                            now: ctx.now)
        },
    ]
}
