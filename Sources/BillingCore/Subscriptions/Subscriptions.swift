import BillingProtocol

/// `subscriptions.*` and the status machine:
///
///     trialing ─┬─> active <──> paused          (pause / resume)
///               ├─> past_due ──> active         (renew)
///     live ─────┴─> cancelled | expired         (cancel now, period end after cancel-at-period-end)
///
/// Every transition not drawn here is `invalid_state` (1007).
enum Subscriptions {
    static func get(_ db: StoreSession, _ id: String) throws -> Subscription {
        guard let subscription = try db.subscriptions.find(id) else { throw BillingError.notFound("subscription", id) }
        return subscription
    }

    /// The plan whose limits apply to a user: the live subscription's, else the free plan.
    static func effectivePlan(_ db: StoreSession, user: String) throws -> Plan {
        try effectivePlan(db, live: try db.subscriptions.live(user: user))
    }

    /// `effectivePlan` for a caller that has already read the user's live subscription.
    static func effectivePlan(_ db: StoreSession, live: Subscription?) throws -> Plan {
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

    static func create(_ db: StoreSession, _ p: SubscriptionsCreate.Parameters, now: Timestamp) throws -> SubscriptionStart {
        let user = p.userID
        let plan = try Plans.get(db.plans, p.planID)
        guard plan.isActive else { throw BillingError.invalidState("plan '\(plan.id)' is not active", state: "inactive") }
        if let existing = try db.subscriptions.live(user: user) {
            throw BillingError(.alreadyExists, "user '\(user)' already has a live subscription '\(existing.id)'",
                               details: ["subscription_id": .string(existing.id)])
        }
        let id = p.subscriptionID ?? IDGenerator.make("sub")
        if try db.subscriptions.find(id) != nil { throw BillingError(.alreadyExists, "subscription '\(id)' already exists", details: ["subscription_id": .string(id)]) }
        if let ls = p.lemonSqueezySubscriptionID, try db.subscriptions.find(lemonSqueezyID: ls) != nil {
            throw BillingError(.alreadyExists, "lemon_squeezy_subscription_id '\(ls)' is already used", details: ["field": "lemon_squeezy_subscription_id"])
        }
        let trialDays = p.trialDays ?? 0
        let end = trialDays > 0 ? now.adding(.day, count: trialDays) : now.adding(plan.billingInterval)
        let trial = trialDays > 0
        try db.subscriptions.insert(Subscription(
            id: id, userID: user, planID: plan.id, status: trial ? .trialing : .active, currentPeriodStart: now, currentPeriodEnd: end,
            cancelAtPeriodEnd: false, lemonSqueezySubscriptionID: p.lemonSqueezySubscriptionID, lemonSqueezyCustomerID: p.lemonSqueezyCustomerID,
            customerPortalURL: nil, updatePaymentMethodURL: nil, trialStart: trial ? now : nil, trialEnd: trial ? end : nil,
            cancelledAt: nil, pausedAt: nil, endedAt: nil, metadata: p.metadata ?? .emptyObject,
            createdAt: now, updatedAt: now), lemonSqueezyUpdatedAt: nil)
        try startPeriod(db, subscriptionID: id, user: user, plan: plan, start: now, end: end, now: now)
        return SubscriptionStart(subscription: try get(db, id), credits: try Balance.get(db, user, now: now))
    }

    /// Grants the plan's period credits (expiring at `end`) and points the user's account at this period.
    /// `field` names the request param blamed when the grant would pass the user's lifetime limit.
    static func startPeriod(_ db: StoreSession, subscriptionID: String, user: String, plan: Plan, start: Timestamp,
                            end: Timestamp, field: String = "plan_id", now: Timestamp) throws {
        try Ledger.ensureAccount(db, user, now: now)
        try Ledger.settle(db, user, now: now)
        if plan.creditsPerPeriod > 0 && end > now {
            try Ledger.grant(db, user, amount: plan.creditsPerPeriod, source: "period", expiresAt: end,
                             subscriptionID: subscriptionID, description: "\(plan.name) period credits", field: field, now: now)
        }
        try db.subscriptions.pointAccount(user: user, at: subscriptionID, start: start, end: end, now: now)
    }

    static func require(_ subscription: Subscription, in states: [SubscriptionStatus], to action: String) throws {
        guard states.contains(subscription.status) else {
            let status = subscription.status.rawValue
            throw BillingError.invalidState("cannot \(action) a subscription that is \(status)", state: status)
        }
    }

    static func cancel(_ db: StoreSession, _ id: String, atPeriodEnd: Bool, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.live, to: "cancel")
        if atPeriodEnd {
            try db.subscriptions.setCancelAtPeriodEnd(id, true, at: now)
        } else {
            try end(db, subscription, status: .cancelled, at: now, now: now)
        }
        return try get(db, id)
    }

    /// Ends a subscription at `at`: its remaining period credits expire now.
    static func end(_ db: StoreSession, _ subscription: Subscription, status: SubscriptionStatus, at: Timestamp, now: Timestamp) throws {
        try db.subscriptions.end(subscription.id, status, endedAt: at, at: now)
        try Ledger.expireGrants(db, subscriptionID: subscription.id, now: now)
        try db.subscriptions.stopRefills(user: subscription.userID, subscriptionID: subscription.id, at: now)
    }

    static func pause(_ db: StoreSession, _ id: String, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.running, to: "pause")
        try db.subscriptions.pause(id, at: now)
        return try get(db, id)
    }

    /// Resumes a paused subscription, or takes back a cancel-at-period-end.
    static func resume(_ db: StoreSession, _ id: String, now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        if subscription.status == .paused {
            let back: SubscriptionStatus = subscription.trialEnd.map { $0 > now } == true ? .trialing : .active
            try db.subscriptions.unpause(id, to: back, endingTrial: false, at: now)
        } else if subscription.status.isLive && subscription.cancelAtPeriodEnd {
            try db.subscriptions.setCancelAtPeriodEnd(id, false, at: now)
        } else {
            throw BillingError.invalidState("only a paused subscription, or one cancelled at period end, can be resumed",
                                            state: subscription.status.rawValue)
        }
        return try get(db, id)
    }

    /// Starts the next period now: leftover period credits expire and the plan's credits are granted.
    /// `requireActivePlan: false` is for Lemon Squeezy webhooks: a variant the customer already paid
    /// for is honoured even when its plan is no longer offered.
    static func renew(_ db: StoreSession, _ id: String, planID: String? = nil, requireActivePlan: Bool = true,
                      now: Timestamp) throws -> Subscription {
        let subscription = try get(db, id)
        try require(subscription, in: SubscriptionStatus.running, to: planID == nil ? "renew" : "change the plan of")
        let plan = try Plans.get(db.plans, planID ?? subscription.planID)
        if planID != nil && requireActivePlan && !plan.isActive {
            throw BillingError.invalidState("plan '\(plan.id)' is not active", state: "inactive")
        }
        try Ledger.expireGrants(db, subscriptionID: id, now: now)
        let end = now.adding(plan.billingInterval)
        try db.subscriptions.renew(id, planID: plan.id, start: now, end: end)
        try startPeriod(db, subscriptionID: id, user: subscription.userID, plan: plan, start: now, end: end,
                        field: planID == nil ? "subscription_id" : "plan_id", now: now)
        return try get(db, id)
    }

    /// What happens at a period's end, run by the scheduler for every live subscription whose
    /// period is over: cancel-at-period-end ends it, a free plan renews (catching up whole
    /// periods), a paid one waits in `past_due` for its payment.
    static func periodEnded(_ db: StoreSession, _ subscription: Subscription, now: Timestamp) throws {
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
            try db.subscriptions.advancePeriod(subscription.id, start: start, end: end, at: now)
            try startPeriod(db, subscriptionID: subscription.id, user: subscription.userID, plan: plan, start: start, end: end, now: now)
        } else if subscription.status != .pastDue {
            try db.subscriptions.setStatus(subscription.id, .pastDue, at: now)
        }
    }

    static func list(_ db: StoreSession, _ p: SubscriptionsList.Parameters) throws -> SubscriptionPage {
        let rows = try db.subscriptions.page(user: p.userID, status: p.status, after: try Cursor.decode(p.page.cursor),
                                             limit: p.page.limit + 1)
        let page = Cursor.page(rows, limit: p.page.limit) { ($0.createdAt, $0.id) }
        return SubscriptionPage(subscriptions: page.items, nextCursor: page.nextCursor)
    }
}
