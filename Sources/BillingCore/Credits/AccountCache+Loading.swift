import BillingProtocol
import BillingStore

extension AccountCache {
    /// Loads the accounts of `users` (sorted, none of them cached) with one statement per table
    /// and chunk of users; users without a `user_credits` row stay out (their consume takes the
    /// SQL path). With `lock` (a shared store) the `user_credits` rows are locked `FOR UPDATE` in
    /// user order, so batches that share users queue behind each other instead of deadlocking,
    /// and what is loaded stays true until the batch's transaction ends. With `viewsAt` (the
    /// embedded store), each settled account also gets its `credits.get` view as of that instant.
    func load(_ db: Connection, users: [String], lock: Bool, viewsAt now: Timestamp?) throws {
        let balances = try BulkStatement.select(db, in: users.map(SQLValue.text)) {
            "SELECT user_id, current_credits FROM user_credits WHERE user_id IN (\($0)) ORDER BY user_id" + (lock ? " FOR UPDATE" : "")
        }
        guard !balances.isEmpty else { return }
        let found = balances.map { SQLValue.text($0.string("user_id")) }
        var grants: [String: [LiveGrant]] = [:]
        for row in try BulkStatement.select(db, in: found, {
            """
            SELECT id, user_id, remaining, expires_at FROM credit_grants WHERE user_id IN (\($0)) AND remaining > 0
            ORDER BY user_id, expires_at IS NULL, expires_at, id
            """
        }) {
            grants[row.string("user_id"), default: []].append(
                LiveGrant(id: row.int("id"), remaining: row.int("remaining"), expiresAt: row.optionalInt("expires_at")))
        }
        var holds: [String: [String: HeldReservation]] = [:]
        let holdRows = try BulkStatement.select(db, in: found) {
            // LEFT JOINs: a hold must be known (it comes due) even if its parts were somehow missing.
            """
            SELECT r.id, r.user_id, r.amount, r.expires_at, p.grant_id, p.amount AS part, g.expires_at AS grant_expires_at
            FROM credit_reservations r LEFT JOIN credit_reservation_parts p ON p.reservation_id = r.id
            LEFT JOIN credit_grants g ON g.id = p.grant_id
            WHERE r.user_id IN (\($0)) AND r.status = 'held'
            ORDER BY r.id, g.expires_at IS NULL, g.expires_at, g.id
            """
        }
        for (id, rows) in Dictionary(grouping: holdRows, by: { $0.string("id") }) {
            let parts = rows.compactMap { row in
                row.optionalInt("grant_id").map {
                    HeldReservation.Part(grantID: $0, amount: row.int("part"), grantExpiresAt: row.optionalInt("grant_expires_at"))
                }
            }
            holds[rows[0].string("user_id"), default: [:]][id] = HeldReservation(amount: rows[0].int("amount"),
                                                                                  expiresAt: rows[0].int("expires_at"), parts: parts)
        }
        var live: [String: Subscription] = [:]
        for subscription in try db.subscriptions.live(users: balances.map { $0.string("user_id") }) {
            live[subscription.userID] = subscription
        }
        var plans: [String: Plan] = [:]
        for row in balances {
            let user = row.string("user_id")
            let subscription = live[user]
            // The plan whose limits apply (`Subscriptions.effectivePlan`), read once per plan.
            let planID = subscription?.planID ?? "free"
            let plan = try plans[planID] ?? Subscriptions.effectivePlan(db, live: subscription)
            plans[planID] = plan
            var account = Account(current: row.int("current_credits"), grants: grants[user] ?? [], held: holds[user] ?? [:],
                                  live: subscription, plan: plan)
            if let now, account.isSettled(at: now) { account.view = try Balance.get(db, user, now: now) }
            store(user, account)
        }
    }
}
