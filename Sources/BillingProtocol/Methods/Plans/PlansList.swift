/// `plans.list`: plans by sort_order (active ones unless `include_inactive`).
public enum PlansList: BillingMethod {
    public typealias Result = PlanList

    public struct Parameters: MethodParameters, Equatable {
        public var includeInactive: Bool

        public init(includeInactive: Bool = false) { self.includeInactive = includeInactive }
        public init(validated p: Params) { includeInactive = p.bool("include_inactive") ?? false }
        public var wire: JSONObject { ["include_inactive": .bool(includeInactive)] }
    }

    public static let descriptor = MethodDescriptor(
        "plans.list", "Plans by sort_order (active ones unless include_inactive).", access: .read,
        params: [.optional("include_inactive", .boolean, "Also list inactive plans.")], result: [("plans", "[plan]")])
}
