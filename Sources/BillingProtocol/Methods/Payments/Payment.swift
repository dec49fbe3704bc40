/// One payment (`payment_history`), as the domain uses it and the wire shows it.
public struct Payment: MethodResult, Equatable {
    public let id: String
    public let userID: String
    public let amount: Money
    public let currency: String
    public let status: PaymentStatus
    public let paymentMethod: String
    public let paymentProvider: String
    public let lemonSqueezyOrderID: String?
    public let lemonSqueezySubscriptionID: String?
    public let lemonSqueezyCustomerID: String?
    public let subscriptionID: String?
    public let creditsAwarded: Int64
    public let planID: String?
    public let transactionType: String
    public let description: String?
    public let metadata: JSONText
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    public let processedAt: Timestamp?

    public init(id: String, userID: String, amount: Money, currency: String, status: PaymentStatus, paymentMethod: String,
                paymentProvider: String, lemonSqueezyOrderID: String?, lemonSqueezySubscriptionID: String?, lemonSqueezyCustomerID: String?,
                subscriptionID: String?, creditsAwarded: Int64, planID: String?, transactionType: String, description: String?,
                metadata: JSONText, createdAt: Timestamp, updatedAt: Timestamp, processedAt: Timestamp?) {
        self.id = id
        self.userID = userID
        self.amount = amount
        self.currency = currency
        self.status = status
        self.paymentMethod = paymentMethod
        self.paymentProvider = paymentProvider
        self.lemonSqueezyOrderID = lemonSqueezyOrderID
        self.lemonSqueezySubscriptionID = lemonSqueezySubscriptionID
        self.lemonSqueezyCustomerID = lemonSqueezyCustomerID
        self.subscriptionID = subscriptionID
        self.creditsAwarded = creditsAwarded
        self.planID = planID
        self.transactionType = transactionType
        self.description = description
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.processedAt = processedAt
    }

    /// The payment object's members, shared by every method that returns one (and `billingd export payments`).
    public static let fields: [(String, String)] = [
        ("id", "payment id"), ("payment_id", "the same id"), ("user_id", "payer"), ("amount", "decimal string, 2 places"),
        ("currency", "ISO 4217"), ("status", "pending | completed | failed | refunded"), ("payment_method", "string"),
        ("payment_provider", "string"), ("lemon_squeezy_order_id", "string or null"), ("lemon_squeezy_subscription_id", "string or null"),
        ("lemon_squeezy_customer_id", "string or null"), ("subscription_id", "string or null"), ("credits_awarded", "integer"),
        ("plan_id", "string or null"), ("transaction_type", "string"), ("description", "string or null"), ("metadata", "object"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"), ("processed_at", "timestamp or null"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let status = PaymentStatus(rawValue: try WireField.string(json["status"], "status")) else {
            throw RPCError(.internalError, "unexpected answer: 'status' is not a payment status")
        }
        self.init(
            id: try WireField.string(json["id"], "id"), userID: try WireField.string(json["user_id"], "user_id"),
            amount: try WireField.money(json["amount"], scale: Money.priceScale, "amount"),
            currency: try WireField.string(json["currency"], "currency"), status: status,
            paymentMethod: try WireField.string(json["payment_method"], "payment_method"),
            paymentProvider: try WireField.string(json["payment_provider"], "payment_provider"),
            lemonSqueezyOrderID: try WireField.optionalString(json["lemon_squeezy_order_id"], "lemon_squeezy_order_id"),
            lemonSqueezySubscriptionID: try WireField.optionalString(json["lemon_squeezy_subscription_id"], "lemon_squeezy_subscription_id"),
            lemonSqueezyCustomerID: try WireField.optionalString(json["lemon_squeezy_customer_id"], "lemon_squeezy_customer_id"),
            subscriptionID: try WireField.optionalString(json["subscription_id"], "subscription_id"),
            creditsAwarded: try WireField.int(json["credits_awarded"], "credits_awarded"),
            planID: try WireField.optionalString(json["plan_id"], "plan_id"),
            transactionType: try WireField.string(json["transaction_type"], "transaction_type"),
            description: try WireField.optionalString(json["description"], "description"),
            metadata: JSONText(try WireField.object(json["metadata"], "metadata")),
            createdAt: try WireField.requiredTime(json["created_at"], "created_at"),
            updatedAt: try WireField.requiredTime(json["updated_at"], "updated_at"),
            processedAt: try WireField.time(json["processed_at"], "processed_at"))
    }

    public var wire: JSONValue {
        .object([
            "id": .string(id), "payment_id": .string(id), "user_id": .string(userID), "amount": .string(amount.description),
            "currency": .string(currency), "status": .string(status.rawValue), "payment_method": .string(paymentMethod),
            "payment_provider": .string(paymentProvider), "lemon_squeezy_order_id": WireField.wire(lemonSqueezyOrderID),
            "lemon_squeezy_subscription_id": WireField.wire(lemonSqueezySubscriptionID),
            "lemon_squeezy_customer_id": WireField.wire(lemonSqueezyCustomerID), "subscription_id": WireField.wire(subscriptionID),
            "credits_awarded": .int(creditsAwarded), "plan_id": WireField.wire(planID), "transaction_type": .string(transactionType),
            "description": WireField.wire(description), "metadata": metadata.json, "created_at": .string(createdAt.rfc3339),
            "updated_at": .string(updatedAt.rfc3339), "processed_at": WireField.wire(processedAt),
        ])
    }
}
