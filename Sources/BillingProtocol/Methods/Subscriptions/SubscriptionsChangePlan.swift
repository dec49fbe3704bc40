/// `subscriptions.change_plan`: moves to another plan now, with a new period on it.
public enum SubscriptionsChangePlan: BillingMethod {
    public typealias Result = Subscription

    public struct Parameters: MethodParameters, Equatable {
        public var subscriptionID: String
        public var planID: String
        public var idempotencyKey: String?

        public init(subscriptionID: String, planID: String, idempotencyKey: String? = nil) {
            self.subscriptionID = subscriptionID
            self.planID = planID
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(subscriptionID: p.requiredString("subscription_id"), planID: p.requiredString("plan_id"),
                      idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["subscription_id": .string(subscriptionID), "plan_id": .string(planID)]
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "subscriptions.change_plan", "Moves to another plan now: a new period starts on it (leftover period credits expire, the new plan's are granted).",
        access: .write, params: [.subscriptionID, .required("plan_id", .planID, "The new, active plan.")], result: Subscription.fields,
        errors: ["not_found", "invalid_state"])
}
