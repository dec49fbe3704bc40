import BillingProtocol

/// Plan limits other than the rate windows (those are `RateLimiter`'s).
enum PlanLimits {
    /// A consume, reserve or commit of more products than the plan's `max_products_per_batch`
    /// (when > 0) is 1011, checked before anything is written or any token taken.
    static func requireProductCount(_ plan: Plan, _ requested: Int64) throws {
        guard plan.maxProductsPerBatch > 0, requested > plan.maxProductsPerBatch else { return }
        throw BillingError(
            .planLimitExceeded,
            "plan '\(plan.id)' allows \(plan.maxProductsPerBatch) products per batch, \(requested) requested",
            details: ["limit": .int(plan.maxProductsPerBatch), "requested": .int(requested), "field": "product_count",
                      "plan_id": .string(plan.id)])
    }
}
