import BillingProtocol

/// `packs.*`: which Lemon Squeezy variants are one-off credit packs and how many credits each
/// grants. A variant is either a plan's (`subscription_plans.lemon_squeezy_variant_id`) or a
/// pack's, never both, so an `order_created` always means one thing.
enum CreditPacks {
    /// Creates or replaces a pack; an omitted `name` keeps the stored one. Changing `credits`
    /// affects later orders only: credits already granted stay as they were.
    static func upsert(_ packs: some PackRecords, plans: some PlanRecords, variantID: String, credits: Int64, name: String?,
                       now: Timestamp) throws -> CreditPack {
        if let plan = try plans.find(variant: variantID) {
            throw BillingError(.alreadyExists, "lemon_squeezy_variant_id '\(variantID)' belongs to plan '\(plan.id)'",
                               details: ["field": "variant_id", "plan_id": .string(plan.id)])
        }
        if let name, name.isEmpty { throw BillingError.invalidParams(field: "name", "'name' must not be empty") }
        let existing = try packs.find(variant: variantID)
        try packs.save(CreditPack(variantID: variantID, credits: credits, name: name ?? existing?.name,
                                  createdAt: existing?.createdAt ?? now, updatedAt: now))
        return try packs.find(variant: variantID)!
    }
}
