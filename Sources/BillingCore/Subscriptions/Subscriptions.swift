import BillingProtocol
import BillingStore

/// `subscriptions.*` and the status machine:
///
///     trialing ─┬─> active <──> paused          (pause / resume)
///               ├─> past_due ──> active         (renew)
///     live ─────┴─> cancelled | expired         (cancel now, period end after cancel-at-period-end)
///
/// Every transition not drawn here is `invalid_state` (1007).
enum Subscriptions {
    static func find(_ db: Connection, _ id: String) throws -> Subscription? {
        try db.queryOne("SELECT * FROM user_subscriptions WHERE id = ?", [.text(id)]).map(Subscription.init(row:))
    }

    /// The user subscription `id` belongs to (nil: no such subscription).
    static func owner(_ db: Connection, _ id: String) throws -> String? {
        try db.queryOne("SELECT user_id FROM user_subscriptions WHERE id = ?", [.text(id)])?.string("user_id")
    }

    static func get(_ db: Connection, _ id: String) throws -> Subscription {
        guard let subscription = try find(db, id) else { throw BillingError.notFound("subscription", id) }
        return subscription
    }

    static func live(_ db: Connection, user: String) throws -> Subscription? {
        try db.queryOne("SELECT * FROM user_subscriptions WHERE user_id = ? AND status IN (\(liveList))", [.text(user)])
            .map(Subscription.init(row:))
    }

    /// The live statuses as SQL text, as the schema's partial unique index writes them.
    static let liveList = SQLList.of(SubscriptionStatus.live)

    /// The plan whose limits apply to a user: the live subscription's, else the free plan.
    static func effectivePlan(_ db: Connection, user: String) throws -> Plan {
        try effectivePlan(db, live: try live(db, user: user))
    }

    /// `effectivePlan` for a caller that has already read the user's live subscription.
    static func effectivePlan(_ db: Connection, live: Subscription?) throws -> Plan {
        if let live, let plan = try db.plans.find(live.planID) { return plan }
        return try Plans.get(db.plans, "free")
    }

    /// Paused subscriptions block spending (1006); `live` is the user's live subscription, if any.
    static func requireUsable(_ live: Subscription?, user: String) throws {
        if let subscription = live, subscription.status == .paused {
            throw BillingError(.subscriptionInactive, "the subscription of user '\(user)' is paused",
                               details: ["subscription_id": .string(subscription.id), "status": .string(SubscriptionStatus.paused.rawValue)])
        }
    }

    static func create(_ db: Connection, _ p: SubscriptionsCreate.Parameters, now: Timestamp) throws -> SubscriptionStart {
        let user = p.userID
        let plan = try Plans.get(db.plans, p.planID)
        guard plan.isActive else { throw BillingError.invalidState("plan '\(plan.id)' is not active", state: "inactive") }
        if let existing = try live(db, user: user) {
            throw BillingError(.alreadyExists, "user '\(user)' already has a live subscription '\(existing.id)'",
                               details: ["subscription_id": .string(existing.id)])
        }
        let id = p.subscriptionID ?? IDGenerator.make("sub")
        if try find(db, id) != nil { throw BillingError(.alreadyExists, "subscription '\(id)' already exists", details: ["subscription_id": .string(id)]) }
        if let ls = p.lemonSqueezySubscriptionID,
            try db.scalar("SELECT count(*) FROM user_subscriptions WHERE lemon_squeezy_subscription_id = ?", [.text(ls)]) > 0
        {
            throw BillingError(.alreadyExists, "lemon_squeezy_subscription_id '\(ls)' is already used", details: ["field": "lemon_squeezy_subscription_id"])
        }
        let trialDays = p.trialDays ?? 0
        let end = trialDays > 0 ? now.adding(.day, count: trialDays) : now.adding(plan.billingInterval)
        try db.run("""
            INSERT INTO user_subscriptions (id, user_id, plan_id, status, current_period_start, current_period_end,
                lemon_squeezy_subscription_id, lemon_squeezy_customer_id, trial_start, trial_end, metadata, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(user), .text(plan.id), .text((trialDays > 0 ? SubscriptionStatus.trialing : .active).rawValue),
                .integer(now.milliseconds), .integer(end.milliseconds),
                .optional(p.lemonSqueezySubscriptionID), .optional(p.lemonSqueezyCustomerID),
                trialDays > 0 ? .integer(now.milliseconds) : .null, trialDays > 0 ? .integer(end.milliseconds) : .null,
                .text(p.metadata.map { JSONValue.object($0).serialized() } ?? "{}"), .integer(now.milliseconds), .integer(now.milliseconds),
            ])
        try startPeriod(db, subscriptionID: id, user: user, plan: plan, start: now, end: end, now: now)
        return SubscriptionStart(subscription: try get(db, id), credits: try Balance.get(db, user, now: now))
    }

    /// Grants the plan's period credits (expiring at `end`) and points the user's account at this period.
    /// `field` names the request param blamed when the grant would pass the user's lifetime limit.
    static func startPeriod(_ db: Connection, subscriptionID: String, user: String, plan: Plan, start: Timestamp,
                            end: Timestamp, field: String = "plan_id", now: Timestamp) throws {
        try Ledger.ensureAccount(db, user, now: now)
        try Ledger.settle(db, user, now: now)
        if plan.creditsPerPeriod > 0 && end > now {
            try Ledger.grant(db, user, amount: plan.creditsPerPeriod, source: "period", expiresAt: end,
                             subscriptionID: subscriptionID, description: "\(plan.name) period credits", field: field, now: now)
        }
        try db.run("""
            UPDATE user_credits SET subscription_id = ?, period_start = ?, period_end = ?, next_credit_refill = ?,
                last_credit_refill = ?, credits_used_this_period = 0, updated_at = ?
            WHERE user_id = ?
            """, [.text(subscriptionID), .integer(start.milliseconds), .integer(end.milliseconds), .integer(end.milliseconds),
                  .integer(now.milliseconds), .integer(now.milliseconds), .text(user)])
    }

    static func require(_ subscription: Subscription, in states: [SubscriptionStatus], to action: String) throws {
        guard states.contains(subscription.status) else {
            let status = subscription.status.rawValue
            throw BillingError.invalidState("cannot \(action) a subscription that is \(status)", state: status)
        }
    }

    static func setStatus(_ db: Connection, _ id: String, _ status: SubscriptionStatus, extra: String = "", _ values: [SQLValue] = [],
                          now: Timestamp) throws {
        try db.run("UPDATE user_subscriptions SET status = ?, updated_at = ?\(extra) WHERE id = ?",
                   [.text(status.rawValue), .integer(now.milliseconds)] + values + [.text(id)])
    }

    static func cancel(_ db: Connection, _ id: String, atPeriodEnd: Bool, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.live, to: "cancel")
        if atPeriodEnd {
            try db.run("UPDATE user_subscriptions SET cancel_at_period_end = 1, cancelled_at = ?, updated_at = ? WHERE id = ?",
                       [.integer(now.milliseconds), .integer(now.milliseconds), .text(id)])
        } else {
            try end(db, subscription, status: .cancelled, at: now, now: now)
        }
        return try get(db, id)
    }

    /// Ends a subscription at `at`: its remaining period credits expire now.
    static func end(_ db: Connection, _ subscription: Subscription, status: SubscriptionStatus, at: Timestamp, now: Timestamp) throws {
        try db.run("""
            UPDATE user_subscriptions SET status = ?, ended_at = ?, cancelled_at = coalesce(cancelled_at, ?), updated_at = ? WHERE id = ?
            """, [.text(status.rawValue), .integer(at.milliseconds), .integer(at.milliseconds), .integer(now.milliseconds), .text(subscription.id)])
        try Ledger.expireGrants(db, subscriptionID: subscription.id, now: now)
        try db.run("UPDATE user_credits SET next_credit_refill = NULL, updated_at = ? WHERE user_id = ? AND subscription_id = ?",
                   [.integer(now.milliseconds), .text(subscription.userID), .text(subscription.id)])
    }

    static func pause(_ db: Connection, _ id: String, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.running, to: "pause")
        try setStatus(db, id, .paused, extra: ", paused_at = ?", [.integer(now.milliseconds)], now: now)
        return try get(db, id)
    }

    /// Resumes a paused subscription, or takes back a cancel-at-period-end.
    static func resume(_ db: Connection, _ id: String, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        if subscription.status == .paused {
            let back: SubscriptionStatus = subscription.trialEnd.map { $0 > now } == true ? .trialing : .active
            try setStatus(db, id, back, extra: ", paused_at = NULL", now: now)
        } else if subscription.status.isLive && subscription.cancelAtPeriodEnd {
            try db.run("UPDATE user_subscriptions SET cancel_at_period_end = 0, cancelled_at = NULL, updated_at = ? WHERE id = ?",
                       [.integer(now.milliseconds), .text(id)])
        } else {
            throw BillingError.invalidState("only a paused subscription, or one cancelled at period end, can be resumed",
                                            state: subscription.status.rawValue)
        }
        return try get(db, id)
    }

    /// Starts the next period now: leftover period credits expire and the plan's credits are granted.
    /// `requireActivePlan: false` is for Lemon Squeezy webhooks: a variant the customer already paid
    /// for is honoured even when its plan is no longer offered.
    static func renew(_ db: Connection, _ id: String, planID: String? = nil, requireActivePlan: Bool = true,
                      now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.running, to: planID == nil ? "renew" : "change the plan of")
        let plan = try Plans.get(db.plans, planID ?? subscription.planID)
        if planID != nil && requireActivePlan && !plan.isActive {
            throw BillingError.invalidState("plan '\(plan.id)' is not active", state: "inactive")
        }
        try Ledger.expireGrants(db, subscriptionID: id, now: now)
        let end = now.adding(plan.billingInterval)
        try db.run("""
            UPDATE user_subscriptions SET status = ?5, plan_id = ?1, current_period_start = ?2, current_period_end = ?3,
                trial_end = CASE WHEN trial_end > ?2 THEN ?2 ELSE trial_end END, updated_at = ?2 WHERE id = ?4
            """, [.text(plan.id), .integer(now.milliseconds), .integer(end.milliseconds), .text(id), .text(SubscriptionStatus.active.rawValue)])
        try startPeriod(db, subscriptionID: id, user: subscription.userID, plan: plan, start: now, end: end,
                        field: planID == nil ? "subscription_id" : "plan_id", now: now)
        return try get(db, id)
    }

    /// What happens at a period's end, run by the scheduler for every live subscription whose
    /// period is over: cancel-at-period-end ends it, a free plan renews (catching up whole
    /// periods), a paid one waits in `past_due` for its payment.
    static func periodEnded(_ db: Connection, _ subscription: Subscription, now: Timestamp) throws {
        if subscription.cancelAtPeriodEnd {
            try end(db, subscription, status: .cancelled, at: subscription.currentPeriodEnd, now: now)
            return
        }
        let plan = try Plans.get(db.plans, subscription.planID)
        if plan.price.minorUnits == 0 {
            var start = subscription.currentPeriodEnd
            var end = start.adding(plan.billingInterval)
            while end <= now {
                start = end
                end = start.adding(plan.billingInterval)
            }
            try Ledger.expireGrants(db, subscriptionID: subscription.id, now: now)
            try db.run("""
                UPDATE user_subscriptions SET status = ?, current_period_start = ?, current_period_end = ?, updated_at = ? WHERE id = ?
                """, [.text(SubscriptionStatus.active.rawValue), .integer(start.milliseconds), .integer(end.milliseconds),
                      .integer(now.milliseconds), .text(subscription.id)])
            try startPeriod(db, subscriptionID: subscription.id, user: subscription.userID, plan: plan, start: start, end: end, now: now)
        } else if subscription.status != .pastDue {
            try setStatus(db, subscription.id, .pastDue, now: now)
        }
    }

    static func list(_ db: Connection, _ p: SubscriptionsList.Parameters) throws -> SubscriptionPage {
        let rows = try KeysetPage.rows(db, table: "user_subscriptions", user: p.userID, status: p.status?.rawValue,
                                       after: try Cursor.decode(p.page.cursor), limit: p.page.limit + 1).map(Subscription.init(row:))
        let page = Cursor.page(rows, limit: p.page.limit) { ($0.createdAt, $0.id) }
        return SubscriptionPage(subscriptions: page.items, nextCursor: page.nextCursor)
    }
}
