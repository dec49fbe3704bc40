import BillingProtocol
import BillingStore

/// `entitlements.get`: what a user's live plan lets them do — its features and limits — so a
/// backend asks one question instead of fetching and interpreting the plan. A user without a
/// live subscription gets the free plan with `status: "none"`; a paused one reports `paused`.
struct Entitlements: Sendable {
    let user: String
    let plan: Plan
    let status: String
    let subscriptionID: String?

    static func get(_ db: Connection, user: String) throws -> Entitlements {
        let live = try Subscriptions.live(db, user: user)
        let plan = try Subscriptions.effectivePlan(db, user: user)
        return Entitlements(user: user, plan: plan, status: live?.status ?? "none", subscriptionID: live?.id)
    }

    var json: JSONValue {
        .object([
            "user_id": .string(user), "plan_id": .string(plan.id), "status": .string(status),
            "subscription_id": subscriptionID.map { .string($0) } ?? .null,
            "features": plan.features,
            "limits": .object([
                "credits_per_period": .int(plan.creditsPerPeriod), "max_products_per_batch": .int(plan.maxProductsPerBatch),
                "max_api_calls_per_day": .int(plan.maxAPICallsPerDay), "requests_per_minute": .int(plan.requestsPerMinute),
                "requests_per_hour": .int(plan.requestsPerHour),
            ]),
        ])
    }
}
