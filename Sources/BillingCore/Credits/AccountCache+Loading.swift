import BillingProtocol

extension AccountCache {
    /// Loads the accounts of `users` (sorted, none of them cached) with one statement per table
    /// and chunk of users; users without a `user_credits` row stay out (their consume takes the
    /// SQL path). With `lock` (a shared store) the `user_credits` rows are locked `FOR UPDATE` in
    /// user order, so batches that share users queue behind each other instead of deadlocking,
    /// and what is loaded stays true until the batch's transaction ends. With `viewsAt` (the
    /// embedded store), each settled account also gets its `credits.get` view as of that instant.
    func load(_ db: StoreSession, users: [String], lock: Bool, viewsAt now: Timestamp?) throws {
        let balances = try db.credits.balances(users, lock: lock)
        guard !balances.isEmpty else { return }
        let found = balances.map(\.user)
        var grants: [String: [LiveGrant]] = [:]
        for grant in try db.credits.grantsWithCredits(found) {
            grants[grant.user, default: []].append(LiveGrant(id: grant.id, remaining: grant.remaining, expiresAt: grant.expiresAt))
        }
        var holds: [String: [String: HeldReservation]] = [:]
        for hold in try db.credits.heldReservations(found) {
            holds[hold.user, default: [:]][hold.id] = HeldReservation(
                amount: hold.amount, expiresAt: hold.expiresAt,
                parts: hold.parts.map { HeldReservation.Part(grantID: $0.grantID, amount: $0.amount, grantExpiresAt: $0.grantExpiresAt) })
        }
        var live: [String: Subscription] = [:]
        for subscription in try db.subscriptions.live(users: found) {
            live[subscription.userID] = subscription
        }
        var plans: [String: Plan] = [:]
        for (user, current) in balances {
            let subscription = live[user]
            // The plan whose limits apply (`Subscriptions.effectivePlan`), read once per plan.
            let planID = subscription?.planID ?? "free"
            let plan = try plans[planID] ?? Subscriptions.effectivePlan(db, live: subscription)
            plans[planID] = plan
            var account = Account(current: current, grants: grants[user] ?? [], held: holds[user] ?? [:],
                                  live: subscription, plan: plan)
            if let now, account.isSettled(at: now) { account.view = try Balance.get(db, user, now: now) }
            store(user, account)
        }
    }
}
