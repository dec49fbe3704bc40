import BillingProtocol

/// `entitlements.get`: what a user's live plan lets them do — its features and limits — so a
/// backend asks one question instead of fetching and interpreting the plan. A user without a
/// live subscription gets the free plan with `status: "none"`; a paused one reports `paused`.
enum EntitlementLookup {
    static func get(_ db: StoreSession, user: String) throws -> Entitlements {
        let live = try db.subscriptions.live(user: user)
        let plan = try Subscriptions.effectivePlan(db, live: live)
        return Entitlements(
            userID: user, planID: plan.id, status: live?.status.rawValue ?? "none", subscriptionID: live?.id,
            features: plan.features, creditsPerPeriod: plan.creditsPerPeriod,
            maxProductsPerBatch: plan.maxProductsPerBatch, maxAPICallsPerDay: plan.maxAPICallsPerDay,
            requestsPerMinute: plan.requestsPerMinute, requestsPerHour: plan.requestsPerHour)
    }
}
