import BillingProtocol

extension BillingService {
    /// A change to one subscription changes its user's account only.
    private static func subscriber<M: BillingMethod>(_ id: @escaping @Sendable (M.Parameters) -> String) -> Handler.Touches<M> {
        .owner { db, p in try db.subscriptions.owner(of: id(p)) }
    }

    static let subscriptionHandlers: [Handler] = [
        .method(SubscriptionsCreate.self, touches: .user(\.userID)) { ctx, db, p in try Subscriptions.create(db, p, now: ctx.now) },
        .method(SubscriptionsGet.self) { _, db, p in try Subscriptions.get(db, p.subscriptionID) },
        .method(SubscriptionsCurrent.self) { _, db, p in
            guard let subscription = try db.subscriptions.live(user: p.userID) else {
                throw BillingError(.notFound, "user '\(p.userID)' has no live subscription",
                                   details: ["resource": "subscription", "user_id": .string(p.userID)])
            }
            return subscription
        },
        .method(SubscriptionsList.self) { _, db, p in try Subscriptions.list(db, p) },
        .method(SubscriptionsCancel.self, touches: subscriber(\.subscriptionID)) { ctx, db, p in
            try Subscriptions.cancel(db, p.subscriptionID, atPeriodEnd: p.atPeriodEnd ?? true, now: ctx.now)
        },
        .method(SubscriptionsPause.self, touches: subscriber(\.subscriptionID)) { ctx, db, p in
            try Subscriptions.pause(db, p.subscriptionID, now: ctx.now)
        },
        .method(SubscriptionsResume.self, touches: subscriber(\.subscriptionID)) { ctx, db, p in
            try Subscriptions.resume(db, p.subscriptionID, now: ctx.now)
        },
        .method(SubscriptionsRenew.self, touches: subscriber(\.subscriptionID)) { ctx, db, p in
            try Subscriptions.renew(db, p.subscriptionID, now: ctx.now)
        },
        .method(SubscriptionsChangePlan.self, touches: subscriber(\.subscriptionID)) { ctx, db, p in
            try Subscriptions.renew(db, p.subscriptionID, planID: p.planID, now: ctx.now)
        },
    ]
}
