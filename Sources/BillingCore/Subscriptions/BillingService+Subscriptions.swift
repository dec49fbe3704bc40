import BillingProtocol

extension BillingService {
    static let subscriptionHandlers: [Handler] = [
        .method("subscriptions.create") { ctx, db, p in try Subscriptions.create(db, p, now: ctx.now) },
        .method("subscriptions.get") { _, db, p in try Subscriptions.get(db, p.requiredString("subscription_id")).json },
        .method("subscriptions.current") { _, db, p in
            let user = p.requiredString("user_id")
            guard let subscription = try Subscriptions.live(db, user: user) else {
                throw BillingError(.notFound, "user '\(user)' has no live subscription", details: ["resource": "subscription", "user_id": .string(user)])
            }
            return subscription.json
        },
        .method("subscriptions.list") { _, db, p in
            try Subscriptions.list(db, user: p.string("user_id"), status: p.string("status"), limit: p.int("limit") ?? 50,
                                   cursor: p.string("cursor"))
        },
        .method("subscriptions.cancel") { ctx, db, p in
            try Subscriptions.cancel(db, p.requiredString("subscription_id"), atPeriodEnd: p.bool("at_period_end") ?? true, now: ctx.now).json
        },
        .method("subscriptions.pause") { ctx, db, p in try Subscriptions.pause(db, p.requiredString("subscription_id"), now: ctx.now).json },
        .method("subscriptions.resume") { ctx, db, p in try Subscriptions.resume(db, p.requiredString("subscription_id"), now: ctx.now).json },
        .method("subscriptions.renew") { ctx, db, p in try Subscriptions.renew(db, p.requiredString("subscription_id"), now: ctx.now).json },
        .method("subscriptions.change_plan") { ctx, db, p in
            try Subscriptions.renew(db, p.requiredString("subscription_id"), planID: p.requiredString("plan_id"), now: ctx.now).json
        },
    ]
}
