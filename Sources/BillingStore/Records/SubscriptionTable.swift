import BillingCore
import BillingProtocol

/// `SubscriptionRecords` in SQL, on one store session.
public struct SubscriptionTable: SubscriptionRecords {
    let db: any Connection

    /// The live statuses as SQL text, as the schema's partial unique index writes them.
    static let liveList = SQLList.of(SubscriptionStatus.live)
    static let runningList = SQLList.of(SubscriptionStatus.running)

    public func find(_ id: String) throws -> Subscription? {
        try db.queryOne("SELECT * FROM user_subscriptions WHERE id = ?", [.text(id)]).map(Subscription.init(row:))
    }

    public func find(lemonSqueezyID: String) throws -> Subscription? {
        try db.queryOne("SELECT * FROM user_subscriptions WHERE lemon_squeezy_subscription_id = ?", [.text(lemonSqueezyID)])
            .map(Subscription.init(row:))
    }

    public func owner(of id: String) throws -> String? {
        try db.queryOne("SELECT user_id FROM user_subscriptions WHERE id = ?", [.text(id)])?.string("user_id")
    }

    public func live(user: String) throws -> Subscription? {
        try db.queryOne("SELECT * FROM user_subscriptions WHERE user_id = ? AND status IN (\(Self.liveList))", [.text(user)])
            .map(Subscription.init(row:))
    }

    public func live(users: [String]) throws -> [Subscription] {
        try BulkStatement.select(db, in: users.map(SQLValue.text)) {
            "SELECT * FROM user_subscriptions WHERE user_id IN (\($0)) AND status IN (\(Self.liveList))"
        }.map(Subscription.init(row:))
    }

    public func periodsEnded(by now: Timestamp) throws -> [Subscription] {
        try db.query("""
            SELECT * FROM user_subscriptions
            WHERE (status IN (\(Self.runningList)) OR (status = ? AND cancel_at_period_end = 1))
              AND current_period_end <= ? ORDER BY current_period_end, id
            """, [.text(SubscriptionStatus.paused.rawValue), .integer(now.milliseconds)]).map(Subscription.init(row:))
    }

    public func lemonSqueezyUpdatedAt(_ id: String) throws -> Timestamp? {
        try db.queryOne("SELECT lemon_squeezy_updated_at FROM user_subscriptions WHERE id = ?", [.text(id)])?
            .optionalInt("lemon_squeezy_updated_at").map(Timestamp.init(milliseconds:))
    }

    public func insert(_ s: Subscription, lemonSqueezyUpdatedAt: Timestamp?) throws {
        try db.run("""
            INSERT INTO user_subscriptions (id, user_id, plan_id, status, current_period_start, current_period_end, cancel_at_period_end,
                lemon_squeezy_subscription_id, lemon_squeezy_customer_id, trial_start, trial_end, cancelled_at, paused_at, ended_at,
                metadata, created_at, updated_at, lemon_squeezy_updated_at, customer_portal_url, update_payment_method_url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(s.id), .text(s.userID), .text(s.planID), .text(s.status.rawValue), .integer(s.currentPeriodStart.milliseconds),
                .integer(s.currentPeriodEnd.milliseconds), .bool(s.cancelAtPeriodEnd), .optional(s.lemonSqueezySubscriptionID),
                .optional(s.lemonSqueezyCustomerID), .optional(s.trialStart?.milliseconds), .optional(s.trialEnd?.milliseconds),
                .optional(s.cancelledAt?.milliseconds), .optional(s.pausedAt?.milliseconds), .optional(s.endedAt?.milliseconds),
                .text(s.metadata.text), .integer(s.createdAt.milliseconds), .integer(s.updatedAt.milliseconds),
                .optional(lemonSqueezyUpdatedAt?.milliseconds), .optional(s.customerPortalURL), .optional(s.updatePaymentMethodURL),
            ])
    }

    public func setStatus(_ id: String, _ status: SubscriptionStatus, at: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET status = ?, updated_at = ? WHERE id = ?",
                   [.text(status.rawValue), .integer(at.milliseconds), .text(id)])
    }

    public func pause(_ id: String, at: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET status = ?, updated_at = ?, paused_at = ? WHERE id = ?",
                   [.text(SubscriptionStatus.paused.rawValue), .integer(at.milliseconds), .integer(at.milliseconds), .text(id)])
    }

    public func unpause(_ id: String, to status: SubscriptionStatus, endingTrial: Bool, at: Timestamp) throws {
        let trial = endingTrial ? ", trial_end = CASE WHEN trial_end > ?3 THEN ?3 ELSE trial_end END" : ""
        try db.run("UPDATE user_subscriptions SET status = ?1, updated_at = ?3, paused_at = NULL\(trial) WHERE id = ?2",
                   [.text(status.rawValue), .text(id), .integer(at.milliseconds)])
    }

    public func setCancelAtPeriodEnd(_ id: String, _ cancel: Bool, at: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET cancel_at_period_end = ?, cancelled_at = ?, updated_at = ? WHERE id = ?",
                   [.bool(cancel), cancel ? .integer(at.milliseconds) : .null, .integer(at.milliseconds), .text(id)])
    }

    public func end(_ id: String, _ status: SubscriptionStatus, endedAt: Timestamp, at: Timestamp) throws {
        try db.run("""
            UPDATE user_subscriptions SET status = ?, ended_at = ?, cancelled_at = coalesce(cancelled_at, ?), updated_at = ? WHERE id = ?
            """, [.text(status.rawValue), .integer(endedAt.milliseconds), .integer(endedAt.milliseconds), .integer(at.milliseconds), .text(id)])
    }

    public func renew(_ id: String, planID: String, start: Timestamp, end: Timestamp) throws {
        try db.run("""
            UPDATE user_subscriptions SET status = ?5, plan_id = ?1, current_period_start = ?2, current_period_end = ?3,
                trial_end = CASE WHEN trial_end > ?2 THEN ?2 ELSE trial_end END, updated_at = ?2 WHERE id = ?4
            """, [.text(planID), .integer(start.milliseconds), .integer(end.milliseconds), .text(id), .text(SubscriptionStatus.active.rawValue)])
    }

    public func advancePeriod(_ id: String, start: Timestamp, end: Timestamp, at: Timestamp) throws {
        try db.run("""
            UPDATE user_subscriptions SET status = ?, current_period_start = ?, current_period_end = ?, updated_at = ? WHERE id = ?
            """, [.text(SubscriptionStatus.active.rawValue), .integer(start.milliseconds), .integer(end.milliseconds),
                  .integer(at.milliseconds), .text(id)])
    }

    public func setPlan(_ id: String, planID: String, at: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET plan_id = ?, updated_at = ? WHERE id = ?", [.text(planID), .integer(at.milliseconds), .text(id)])
    }

    public func setPeriodEnd(_ id: String, _ end: Timestamp, at: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET current_period_end = ?, updated_at = ? WHERE id = ?",
                   [.integer(end.milliseconds), .integer(at.milliseconds), .text(id)])
    }

    public func noteLemonSqueezy(_ id: String, updatedAt: Timestamp, customerID: String?, portalURL: String?,
                                 paymentMethodURL: String?) throws {
        try db.run("""
            UPDATE user_subscriptions SET lemon_squeezy_updated_at = max(coalesce(lemon_squeezy_updated_at, 0), ?),
                lemon_squeezy_customer_id = coalesce(lemon_squeezy_customer_id, ?),
                customer_portal_url = coalesce(?, customer_portal_url), update_payment_method_url = coalesce(?, update_payment_method_url)
            WHERE id = ?
            """, [.integer(updatedAt.milliseconds), .optional(customerID), .optional(portalURL), .optional(paymentMethodURL), .text(id)])
    }

    public func pointAccount(user: String, at subscriptionID: String, start: Timestamp, end: Timestamp, now: Timestamp) throws {
        try db.run("""
            UPDATE user_credits SET subscription_id = ?, period_start = ?, period_end = ?, next_credit_refill = ?,
                last_credit_refill = ?, credits_used_this_period = 0, updated_at = ?
            WHERE user_id = ?
            """, [.text(subscriptionID), .integer(start.milliseconds), .integer(end.milliseconds), .integer(end.milliseconds),
                  .integer(now.milliseconds), .integer(now.milliseconds), .text(user)])
    }

    public func stopRefills(user: String, subscriptionID: String, at: Timestamp) throws {
        try db.run("UPDATE user_credits SET next_credit_refill = NULL, updated_at = ? WHERE user_id = ? AND subscription_id = ?",
                   [.integer(at.milliseconds), .text(user), .text(subscriptionID)])
    }

    public func page(user: String?, status: SubscriptionStatus?, after: ListPosition?, limit: Int64) throws -> [Subscription] {
        try KeysetPage.rows(db, table: "user_subscriptions", user: user, status: status?.rawValue, after: after, limit: limit)
            .map(Subscription.init(row:))
    }
}
