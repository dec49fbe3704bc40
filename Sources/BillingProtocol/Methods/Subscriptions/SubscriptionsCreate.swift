/// `subscriptions.create`: starts a subscription and grants its plan's first period of credits.
public enum SubscriptionsCreate: BillingMethod {
    public typealias Result = SubscriptionStart

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var planID: String
        public var trialDays: Int64?
        public var subscriptionID: String?
        public var lemonSqueezySubscriptionID: String?
        public var lemonSqueezyCustomerID: String?
        public var metadata: JSONText?
        public var idempotencyKey: String?

        public init(userID: String, planID: String, trialDays: Int64? = nil, subscriptionID: String? = nil,
                    lemonSqueezySubscriptionID: String? = nil, lemonSqueezyCustomerID: String? = nil, metadata: JSONText? = nil,
                    idempotencyKey: String? = nil) {
            self.userID = userID
            self.planID = planID
            self.trialDays = trialDays
            self.subscriptionID = subscriptionID
            self.lemonSqueezySubscriptionID = lemonSqueezySubscriptionID
            self.lemonSqueezyCustomerID = lemonSqueezyCustomerID
            self.metadata = metadata
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(userID: p.requiredString("user_id"), planID: p.requiredString("plan_id"), trialDays: p.int("trial_days"),
                      subscriptionID: p.string("subscription_id"), lemonSqueezySubscriptionID: p.string("lemon_squeezy_subscription_id"),
                      lemonSqueezyCustomerID: p.string("lemon_squeezy_customer_id"), metadata: p.json("metadata").map(JSONText.init),
                      idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID), "plan_id": .string(planID)]
            object["trial_days"] = trialDays.map { .int($0) }
            object["subscription_id"] = subscriptionID.map { .string($0) }
            object["lemon_squeezy_subscription_id"] = lemonSqueezySubscriptionID.map { .string($0) }
            object["lemon_squeezy_customer_id"] = lemonSqueezyCustomerID.map { .string($0) }
            object["metadata"] = metadata?.json
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "subscriptions.create", "Starts a subscription: trialing when trial_days > 0, else active; grants the plan's period credits.",
        access: .write,
        params: [
            .required("user_id", .identifier, "The user."), .required("plan_id", .planID, "An active plan."),
            .optional("trial_days", .integer(min: 0, max: 365), "Length of the trial (the first period)."),
            .optional("subscription_id", .identifier, "Your id for it; made up when omitted."),
            .optional("lemon_squeezy_subscription_id", .identifier, "Unique."),
            .optional("lemon_squeezy_customer_id", .identifier, "Lemon Squeezy customer."), .metadata,
        ],
        result: [("subscription", "the subscription"), ("credits", "the balance, as credits.get")],
        errors: ["not_found", "already_exists", "invalid_state"])
}
