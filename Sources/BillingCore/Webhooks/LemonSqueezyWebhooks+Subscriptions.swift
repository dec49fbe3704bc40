import BillingProtocol

/// Subscription objects (`subscription_created`, `_updated`, `_cancelled`, `_resumed`,
/// `_expired`, `_paused`, `_unpaused`). Each carries the whole subscription, so all are handled
/// alike: the object's state is made ours, whichever event name brought it.
///
/// Ordering: the object's `updated_at` is kept in `user_subscriptions.lemon_squeezy_updated_at`;
/// an object older than that is `ignored_stale` and changes nothing (an equal one is applied
/// again, which changes nothing either). The customer-portal links are taken from every object
/// that is not stale (they are signed and expire, so the newest wins). So `subscription_updated` arriving before
/// `subscription_created` creates the subscription, and the late `created` is stale.
extension LemonSqueezyWebhooks {
    static func syncSubscription(_ db: StoreSession, _ event: LemonSqueezyEvent, now: Timestamp) throws -> WebhookResult {
        guard let updatedAt = event.updatedAt else { return .invalid("data.attributes.updated_at is missing") }
        guard let raw = event.text("status"), let status = LemonSqueezyStatus(raw) else {
            return .invalid("data.attributes.status '\(event.text("status") ?? "")' is not a Lemon Squeezy subscription status")
        }
        let variant = event.text("variant_id")
        let plan = try variant.flatMap { try db.plans.find(variant: $0) }
        let unknownPlan = "variant '\(variant ?? "none")' is no plan's lemon_squeezy_variant_id"
        if let existing = try db.subscriptions.find(lemonSqueezyID: event.objectID) {
            if let mark = try db.subscriptions.lemonSqueezyUpdatedAt(existing.id), updatedAt < mark {
                return WebhookResult(.ignoredStale, subscriptionID: existing.id, userID: existing.userID,
                                     detail: "updated_at \(updatedAt.rfc3339) is older than \(mark.rfc3339), already applied")
            }
            if let user = event.customUserID, user != existing.userID {
                return WebhookResult(.userMismatch, subscriptionID: existing.id, userID: existing.userID,
                                     detail: "custom_data.user_id '\(user)' but the subscription belongs to '\(existing.userID)'")
            }
            guard let plan else { return WebhookResult(.unknownPlan, subscriptionID: existing.id, userID: existing.userID, detail: unknownPlan) }
            return try update(db, existing, event, plan: plan, status: status, updatedAt: updatedAt, now: now)
        }
        guard let user = validID(event.customUserID) else {
            return WebhookResult(.unknownUser, detail: "meta.custom_data.user_id is missing or not a valid id")
        }
        guard let plan else { return WebhookResult(.unknownPlan, userID: user, detail: unknownPlan) }
        return try create(db, event, user: user, plan: plan, status: status, updatedAt: updatedAt, now: now)
    }

    /// A Lemon Squeezy subscription seen for the first time. A live one starts its first period
    /// now (the plan's credits, until `trial_ends_at`, else `renews_at`, else one interval); a
    /// live subscription of the user's that is not tied to Lemon Squeezy (e.g. free) is replaced
    /// (cancelled now). An ended one is only recorded, with no credits.
    static func create(_ db: StoreSession, _ event: LemonSqueezyEvent, user: String, plan: Plan, status: LemonSqueezyStatus,
                       updatedAt: Timestamp, now: Timestamp) throws -> WebhookResult {
        let endsAt = event.time("ends_at")
        let ended = status == .expired || (status == .cancelled && endsAt.map { $0 <= now } == true)
        var replaced: String?
        if !ended, let live = try db.subscriptions.live(user: user) {
            if let theirs = live.lemonSqueezySubscriptionID {
                return WebhookResult(.liveSubscriptionExists, subscriptionID: live.id, userID: user,
                                     detail: "user '\(user)' already has live subscription '\(live.id)' from Lemon Squeezy subscription "
                                         + "'\(theirs)'")
            }
            try Subscriptions.end(db, live, status: .cancelled, at: now, now: now)
            replaced = live.id
        }
        let id = IDGenerator.make("sub")
        let trialEnd = status == .live(.trialing) || status == .cancelled ? event.time("trial_ends_at").flatMap { $0 > now ? $0 : nil } : nil
        var end = trialEnd ?? event.time("renews_at").flatMap { $0 > now ? $0 : nil } ?? now.adding(plan.billingInterval)
        if status == .cancelled, let endsAt, endsAt < end { end = endsAt }
        let ours: SubscriptionStatus
        switch status {
        case .live(let s): ours = s == .trialing && trialEnd == nil ? .active : s
        case .cancelled: ours = trialEnd != nil ? .trialing : .active
        case .expired: ours = .expired
        }
        let finalStatus: SubscriptionStatus = ended ? (status == .expired ? .expired : .cancelled) : ours
        let metadata = JSONText(object: [
            "source": "lemon_squeezy",
            "lemon_squeezy_order_id": event.text("order_id").map { .string($0) } ?? .null,
            "lemon_squeezy_variant_id": event.text("variant_id").map { .string($0) } ?? .null,
        ])
        try db.subscriptions.insert(Subscription(
            id: id, userID: user, planID: plan.id, status: finalStatus, currentPeriodStart: now, currentPeriodEnd: ended ? now : end,
            cancelAtPeriodEnd: status == .cancelled && !ended, lemonSqueezySubscriptionID: event.objectID,
            lemonSqueezyCustomerID: event.text("customer_id"), customerPortalURL: event.url("customer_portal"),
            updatePaymentMethodURL: event.url("update_payment_method"), trialStart: trialEnd != nil ? now : nil, trialEnd: trialEnd,
            cancelledAt: status == .cancelled ? now : nil, pausedAt: finalStatus == .paused ? now : nil, endedAt: ended ? now : nil,
            metadata: metadata, createdAt: now, updatedAt: now), lemonSqueezyUpdatedAt: updatedAt)
        if !ended {
            try Subscriptions.startPeriod(db, subscriptionID: id, user: user, plan: plan, start: now, end: end, now: now)
        }
        // Payments recorded before their subscription arrived (payment_success first) are tied to it.
        let linked = try db.payments.link(lemonSqueezySubscriptionID: event.objectID, user: user, to: id, planID: plan.id, at: now)
        var detail = ended ? "recorded as \(finalStatus.rawValue); no credits granted" : "created \(finalStatus.rawValue) on plan '\(plan.id)' until \(end.rfc3339)"
        if let replaced { detail += "; replaced live subscription '\(replaced)'" }
        if linked > 0 { detail += "; linked \(linked) payment(s) that arrived first" }
        return WebhookResult(.applied, subscriptionID: id, userID: user, detail: detail)
    }

    /// Brings a known subscription to the object's state. Plan changes go through
    /// `Subscriptions.renew` (a new period on the new plan); ends through `Subscriptions.end`.
    static func update(_ db: StoreSession, _ existing: Subscription, _ event: LemonSqueezyEvent, plan: Plan, status: LemonSqueezyStatus,
                       updatedAt: Timestamp, now: Timestamp) throws -> WebhookResult {
        let id = existing.id
        var changes: [String] = []
        func result() throws -> WebhookResult {
            try db.subscriptions.noteLemonSqueezy(id, updatedAt: updatedAt, customerID: event.text("customer_id"),
                                                  portalURL: event.url("customer_portal"), paymentMethodURL: event.url("update_payment_method"))
            return changes.isEmpty
                ? WebhookResult(.alreadyApplied, subscriptionID: id, userID: existing.userID, detail: "the subscription already matches")
                : WebhookResult(.applied, subscriptionID: id, userID: existing.userID, detail: changes.joined(separator: "; "))
        }
        guard existing.status.isLive else {
            // An end (cancelled or expired) is already reflected; a live state is not brought back.
            if status == .expired || status == .cancelled { return try result() }
            return WebhookResult(.ignoredEnded, subscriptionID: id, userID: existing.userID,
                                 detail: "the subscription already ended here (\(existing.status.rawValue)); it is not revived")
        }
        var current = existing
        if plan.id != current.planID {
            if current.status.isRunning && status != .expired {
                current = try Subscriptions.renew(db, id, planID: plan.id, requireActivePlan: false, now: now)
                changes.append("plan \(existing.planID) -> \(plan.id), new period")
            } else {
                try db.subscriptions.setPlan(id, planID: plan.id, at: now)
                current = try Subscriptions.get(db, id)
                changes.append("plan \(existing.planID) -> \(plan.id) (its credits come with the next period)")
            }
        }
        switch status {
        case .expired:
            try Subscriptions.end(db, current, status: .expired, at: now, now: now)
            changes.append("expired")
        case .cancelled:
            let endsAt = event.time("ends_at")
            if let endsAt, endsAt <= now {
                try Subscriptions.end(db, current, status: .cancelled, at: now, now: now)
                changes.append("cancelled (ends_at has passed)")
                break
            }
            if !current.cancelAtPeriodEnd {
                current = try Subscriptions.cancel(db, id, atPeriodEnd: true, now: now)
                changes.append("cancels at the period end")
            }
            if let endsAt, endsAt < current.currentPeriodEnd {
                try db.subscriptions.setPeriodEnd(id, endsAt, at: now)
                changes.append("ends at \(endsAt.rfc3339)")
            }
        case .live(let target):
            if current.cancelAtPeriodEnd {
                try db.subscriptions.setCancelAtPeriodEnd(id, false, at: now)
                changes.append("cancellation taken back")
            }
            if target != current.status {
                if target == .paused {
                    try db.subscriptions.pause(id, at: now)
                } else if target == .trialing {
                    try db.subscriptions.unpause(id, to: target, endingTrial: false, at: now)
                } else {
                    // Leaving a trial early (Lemon Squeezy says active) ends the trial now.
                    try db.subscriptions.unpause(id, to: target, endingTrial: true, at: now)
                }
                changes.append("\(current.status.rawValue) -> \(target.rawValue)")
            }
        }
        return try result()
    }
}
