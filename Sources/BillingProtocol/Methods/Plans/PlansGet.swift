/// `plans.get`: one plan.
public enum PlansGet: BillingMethod {
    public typealias Result = Plan

    public struct Parameters: MethodParameters, Equatable {
        public var planID: String

        public init(planID: String) { self.planID = planID }
        public init(validated p: Params) { planID = p.requiredString("plan_id") }
        public var wire: JSONObject { ["plan_id": .string(planID)] }
    }

    public static let descriptor = MethodDescriptor(
        "plans.get", "One plan.", access: .read, params: [.required("plan_id", .planID, "The plan's id.")], result: Plan.fields,
        errors: ["not_found"])
}
