import BillingProtocol

/// `plans.*`: the catalog of subscription plans.
enum Plans {
    static func get(_ plans: some PlanRecords, _ id: String) throws -> Plan {
        guard let plan = try plans.find(id) else { throw BillingError.notFound("plan", id) }
        return plan
    }

    /// Creates or replaces a plan. Omitted optional members keep the stored value, or the default
    /// for a new plan. A Lemon Squeezy variant sells one plan or one credit pack, never two things.
    static func upsert(_ plans: some PlanRecords, packs: some PackRecords, _ p: PlansUpsert.Parameters, now: Timestamp) throws -> Plan {
        let id = p.id
        let existing = try plans.find(id)
        if let currency = p.currency,
            currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        {
            throw BillingError.invalidParams(field: "currency", "'currency' must be a 3-letter upper-case code")
        }
        if let variant = p.lemonSqueezyVariantID,
            let other = try plans.find(variant: variant), other.id != id
        {
            throw BillingError(.alreadyExists, "plan '\(other.id)' already uses lemon_squeezy_variant_id '\(variant)'",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        if let variant = p.lemonSqueezyVariantID, try packs.find(variant: variant) != nil {
            throw BillingError(.alreadyExists, "lemon_squeezy_variant_id '\(variant)' is a credit pack",
                               details: ["field": "lemon_squeezy_variant_id"])
        }
        try plans.save(Plan(
            id: id, name: p.name, description: p.description ?? existing?.description, price: p.price,
            currency: p.currency ?? existing?.currency ?? "USD", billingInterval: p.billingInterval ?? existing?.billingInterval ?? .month,
            creditsPerPeriod: p.creditsPerPeriod ?? existing?.creditsPerPeriod ?? 0,
            maxProductsPerBatch: p.maxProductsPerBatch ?? existing?.maxProductsPerBatch ?? 0,
            maxAPICallsPerDay: p.maxAPICallsPerDay ?? existing?.maxAPICallsPerDay ?? 0,
            requestsPerMinute: p.requestsPerMinute ?? existing?.requestsPerMinute ?? 5,
            requestsPerHour: p.requestsPerHour ?? existing?.requestsPerHour ?? 50,
            features: p.features ?? existing?.features ?? .emptyObject,
            lemonSqueezyVariantID: p.lemonSqueezyVariantID ?? existing?.lemonSqueezyVariantID,
            lemonSqueezyProductID: p.lemonSqueezyProductID ?? existing?.lemonSqueezyProductID,
            isActive: p.isActive ?? existing?.isActive ?? true, sortOrder: p.sortOrder ?? existing?.sortOrder ?? 0,
            createdAt: existing?.createdAt ?? now, updatedAt: now))
        return try get(plans, id)
    }
}
