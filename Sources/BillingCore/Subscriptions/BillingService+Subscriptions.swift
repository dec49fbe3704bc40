import BillingProtocol

extension BillingService {
    static let subscriptionHandlers: [String: Handler] = [
        "subscriptions.create": .write { ctx, db, p in try Subscriptions.create(db, p, now: ctx.now) },
        "subscriptions.get": .read { _, db, p in try Subscriptions.get(db, p.requiredString("subscription_id")).json },
        "subscriptions.current": .read { _, db, p in
            let user = p.requiredString("user_id")
            guard let subscription = try Subscriptions.live(db, user: user) else {
                throw BillingError(.notFound, "user '\(user)' has no live subscription", details: ["resource": "subscription", "user_id": .string(user)])
            }
            return subscription.json
        },
        "subscriptions.list": .read { _, db, p in
            try Subscriptions.list(db, user: p.string("user_id"), status: p.string("status"), limit: p.int("limit") ?? 50,
                                   cursor: p.string("cursor"))
        },
        "subscriptions.cancel": .write { ctx, db, p in
            try Subscriptions.cancel(db, p.requiredString("subscription_id"), atPeriodEnd: p.bool("at_period_end") ?? true, now: ctx.now).json
        },
        "subscriptions.pause": .write { ctx, db, p in try Subscriptions.pause(db, p.requiredString("subscription_id"), now: ctx.now).json },
        "subscriptions.resume": .write { ctx, db, p in try Subscriptions.resume(db, p.requiredString("subscription_id"), now: ctx.now).json },
        "subscriptions.renew": .write { ctx, db, p in try Subscriptions.renew(db, p.requiredString("subscription_id"), now: ctx.now).json },
        "subscriptions.change_plan": .write { ctx, db, p in
            try Subscriptions.renew(db, p.requiredString("subscription_id"), planID: p.requiredString("plan_id"), now: ctx.now).json
        },
    ]
}
