/// The answer of `plans.list`: plans by `sort_order`.
public struct PlanList: MethodResult, Equatable {
    public let plans: [Plan]

    public init(plans: [Plan]) { self.plans = plans }

    public init(wire json: JSONValue) throws(RPCError) {
        var plans: [Plan] = []
        for plan in try WireField.array(json["plans"], "plans") { plans.append(try Plan(wire: plan)) }
        self.plans = plans
    }

    public var wire: JSONValue { .object(["plans": .array(plans.map(\.wire))]) }
}
