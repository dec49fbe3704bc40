import BillingProtocol

/// The stored plan catalog (`subscription_plans`), as the domain asks for it: the domain decides
/// what a plan becomes, the store only finds and keeps it.
public protocol PlanRecords {
    /// Every plan (the active ones unless `includeInactive`), by `sort_order`, then id.
    func all(includeInactive: Bool) throws -> [Plan]

    func find(_ id: String) throws -> Plan?

    /// The plan sold as this Lemon Squeezy variant.
    func find(variant: String) throws -> Plan?

    /// Creates the plan, or replaces the stored one with the same id.
    func save(_ plan: Plan) throws
}
