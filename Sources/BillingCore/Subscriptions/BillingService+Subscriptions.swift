import BillingProtocol

extension BillingService {
    static let subscriptionHandlers: [Handler] = [
        .method(SubscriptionsCreate.self) { ctx, db, p in try Subscriptions.create(db, p, now: ctx.now) },
        .method(SubscriptionsGet.self) { _, db, p in try Subscriptions.get(db, p.subscriptionID) },
        .method(SubscriptionsCurrent.self) { _, db, p in
            guard let subscription = try Subscriptions.live(db, user: p.userID) else {
                throw BillingError(.notFound, "user '\(p.userID)' has no live subscription",
                                   details: ["resource": "subscription", "user_id": .string(p.userID)])
            }
            return subscription
        },
        .method(SubscriptionsList.self) { _, db, p in try Subscriptions.list(db, p) },
        .method(SubscriptionsCancel.self) { ctx, db, p in
            try Subscriptions.cancel(db, p.subscriptionID, atPeriodEnd: p.atPeriodEnd ?? true, now: ctx.now)
        },
        .method(SubscriptionsPause.self) { ctx, db, p in try Subscriptions.pause(db, p.subscriptionID, now: ctx.now) },
        .method(SubscriptionsResume.self) { ctx, db, p in try Subscriptions.resume(db, p.subscriptionID, now: ctx.now) },
        .method(SubscriptionsRenew.self) { ctx, db, p in try Subscriptions.renew(db, p.subscriptionID, now: ctx.now) },
        .method(SubscriptionsChangePlan.self) { ctx, db, p in
            try Subscriptions.renew(db, p.subscriptionID, planID: p.planID, now: ctx.now)
        },
    ]
}
