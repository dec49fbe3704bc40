/// A user's subscription (`user_subscriptions`), as the domain uses it and the wire shows it.
public struct Subscription: MethodResult, Equatable {
    public let id: String
    public let userID: String
    public let planID: String
    public let status: SubscriptionStatus
    public let currentPeriodStart: Timestamp
    public let currentPeriodEnd: Timestamp
    public let cancelAtPeriodEnd: Bool
    public let lemonSqueezySubscriptionID: String?
    public let lemonSqueezyCustomerID: String?
    public let customerPortalURL: String?
    public let updatePaymentMethodURL: String?
    public let trialStart: Timestamp?
    public let trialEnd: Timestamp?
    public let cancelledAt: Timestamp?
    public let pausedAt: Timestamp?
    public let endedAt: Timestamp?
    public let metadata: JSONText
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(id: String, userID: String, planID: String, status: SubscriptionStatus, currentPeriodStart: Timestamp,
                currentPeriodEnd: Timestamp, cancelAtPeriodEnd: Bool, lemonSqueezySubscriptionID: String?, lemonSqueezyCustomerID: String?,
                customerPortalURL: String?, updatePaymentMethodURL: String?, trialStart: Timestamp?, trialEnd: Timestamp?,
                cancelledAt: Timestamp?, pausedAt: Timestamp?, endedAt: Timestamp?, metadata: JSONText, createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id
        self.userID = userID
        self.planID = planID
        self.status = status
        self.currentPeriodStart = currentPeriodStart
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.lemonSqueezySubscriptionID = lemonSqueezySubscriptionID
        self.lemonSqueezyCustomerID = lemonSqueezyCustomerID
        self.customerPortalURL = customerPortalURL
        self.updatePaymentMethodURL = updatePaymentMethodURL
        self.trialStart = trialStart
        self.trialEnd = trialEnd
        self.cancelledAt = cancelledAt
        self.pausedAt = pausedAt
        self.endedAt = endedAt
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The subscription object's members, shared by every method that returns one.
    public static let fields: [(String, String)] = [
        ("id", "subscription id"), ("subscription_id", "the same id"), ("user_id", "owner"), ("plan_id", "plan"),
        ("status", "trialing | active | past_due | paused | cancelled | expired"),
        ("current_period_start", "timestamp"), ("current_period_end", "timestamp"), ("cancel_at_period_end", "boolean"),
        ("lemon_squeezy_subscription_id", "string or null"), ("lemon_squeezy_customer_id", "string or null"),
        ("customer_portal_url", "Lemon Squeezy's signed customer-portal link from the newest subscription event, or null"),
        ("update_payment_method_url", "Lemon Squeezy's signed update-payment-method link from the newest subscription event, or null"),
        ("trial_start", "timestamp or null"), ("trial_end", "timestamp or null"), ("cancelled_at", "timestamp or null"),
        ("paused_at", "timestamp or null"), ("ended_at", "timestamp or null"), ("metadata", "object"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let status = SubscriptionStatus(rawValue: try WireField.string(json["status"], "status")) else {
            throw RPCError(.internalError, "unexpected answer: 'status' is not a subscription status")
        }
        self.init(
            id: try WireField.string(json["id"], "id"), userID: try WireField.string(json["user_id"], "user_id"),
            planID: try WireField.string(json["plan_id"], "plan_id"), status: status,
            currentPeriodStart: try WireField.requiredTime(json["current_period_start"], "current_period_start"),
            currentPeriodEnd: try WireField.requiredTime(json["current_period_end"], "current_period_end"),
            cancelAtPeriodEnd: try WireField.bool(json["cancel_at_period_end"], "cancel_at_period_end"),
            lemonSqueezySubscriptionID: try WireField.optionalString(json["lemon_squeezy_subscription_id"], "lemon_squeezy_subscription_id"),
            lemonSqueezyCustomerID: try WireField.optionalString(json["lemon_squeezy_customer_id"], "lemon_squeezy_customer_id"),
            customerPortalURL: try WireField.optionalString(json["customer_portal_url"], "customer_portal_url"),
            updatePaymentMethodURL: try WireField.optionalString(json["update_payment_method_url"], "update_payment_method_url"),
            trialStart: try WireField.time(json["trial_start"], "trial_start"), trialEnd: try WireField.time(json["trial_end"], "trial_end"),
            cancelledAt: try WireField.time(json["cancelled_at"], "cancelled_at"), pausedAt: try WireField.time(json["paused_at"], "paused_at"),
            endedAt: try WireField.time(json["ended_at"], "ended_at"), metadata: JSONText(try WireField.object(json["metadata"], "metadata")),
            createdAt: try WireField.requiredTime(json["created_at"], "created_at"),
            updatedAt: try WireField.requiredTime(json["updated_at"], "updated_at"))
    }

    public var wire: JSONValue {
        .object([
            "id": .string(id), "subscription_id": .string(id), "user_id": .string(userID), "plan_id": .string(planID),
            "status": .string(status.rawValue), "current_period_start": .string(currentPeriodStart.rfc3339),
            "current_period_end": .string(currentPeriodEnd.rfc3339), "cancel_at_period_end": .bool(cancelAtPeriodEnd),
            "lemon_squeezy_subscription_id": WireField.wire(lemonSqueezySubscriptionID),
            "lemon_squeezy_customer_id": WireField.wire(lemonSqueezyCustomerID),
            "customer_portal_url": WireField.wire(customerPortalURL), "update_payment_method_url": WireField.wire(updatePaymentMethodURL),
            "trial_start": WireField.wire(trialStart), "trial_end": WireField.wire(trialEnd), "cancelled_at": WireField.wire(cancelledAt),
            "paused_at": WireField.wire(pausedAt), "ended_at": WireField.wire(endedAt), "metadata": metadata.json,
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
