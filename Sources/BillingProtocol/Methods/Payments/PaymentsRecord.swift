/// `payments.record`: records a payment; a completed one grants `credits_awarded` once.
/// Idempotent on `lemon_squeezy_order_id`.
public enum PaymentsRecord: BillingMethod {
    public typealias Result = Payment

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var amount: Money
        public var currency: String
        public var status: PaymentStatus
        public var paymentID: String?
        public var paymentMethod: String?
        public var paymentProvider: String?
        public var lemonSqueezyOrderID: String?
        public var lemonSqueezySubscriptionID: String?
        public var lemonSqueezyCustomerID: String?
        public var subscriptionID: String?
        public var planID: String?
        public var creditsAwarded: Int64?
        public var transactionType: String?
        public var description: String?
        public var metadata: JSONText?
        public var idempotencyKey: String?

        public init(userID: String, amount: Money, currency: String, status: PaymentStatus) {
            self.userID = userID
            self.amount = amount
            self.currency = currency
            self.status = status
        }

        public init(validated p: Params) throws(RPCError) {
            guard let amount = p.money("amount") else { throw RPCError.invalidParams(field: "amount", "'amount' is required") }
            guard let status = p.string("status").flatMap(PaymentStatus.init(rawValue:)) else {
                throw RPCError.invalidParams(field: "status", "'status' is required")
            }
            self.init(userID: p.requiredString("user_id"), amount: amount, currency: p.requiredString("currency"), status: status)
            paymentID = p.string("payment_id")
            paymentMethod = p.string("payment_method")
            paymentProvider = p.string("payment_provider")
            lemonSqueezyOrderID = p.string("lemon_squeezy_order_id")
            lemonSqueezySubscriptionID = p.string("lemon_squeezy_subscription_id")
            lemonSqueezyCustomerID = p.string("lemon_squeezy_customer_id")
            subscriptionID = p.string("subscription_id")
            planID = p.string("plan_id")
            creditsAwarded = p.int("credits_awarded")
            transactionType = p.string("transaction_type")
            description = p.string("description")
            metadata = p.json("metadata").map(JSONText.init)
            idempotencyKey = p.string("idempotency_key")
        }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID), "amount": .string(amount.description), "currency": .string(currency),
                                      "status": .string(status.rawValue)]
            object["payment_id"] = paymentID.map { .string($0) }
            object["payment_method"] = paymentMethod.map { .string($0) }
            object["payment_provider"] = paymentProvider.map { .string($0) }
            object["lemon_squeezy_order_id"] = lemonSqueezyOrderID.map { .string($0) }
            object["lemon_squeezy_subscription_id"] = lemonSqueezySubscriptionID.map { .string($0) }
            object["lemon_squeezy_customer_id"] = lemonSqueezyCustomerID.map { .string($0) }
            object["subscription_id"] = subscriptionID.map { .string($0) }
            object["plan_id"] = planID.map { .string($0) }
            object["credits_awarded"] = creditsAwarded.map { .int($0) }
            object["transaction_type"] = transactionType.map { .string($0) }
            object["description"] = description.map { .string($0) }
            object["metadata"] = metadata?.json
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "payments.record", "Records a payment; a completed one grants credits_awarded once. Idempotent on lemon_squeezy_order_id.",
        access: .write,
        params: [
            .required("user_id", .identifier, "The payer."), .required("amount", .money(scale: 2, min: 0), ">= 0, at most 2 decimals."),
            .required("currency", .text(maxBytes: 3), "3-letter upper-case code."), .required("status", .paymentStatus, "Status."),
            .optional("payment_id", .identifier, "Your id; made up when omitted."),
            .optional("payment_method", .text(maxBytes: 50), "Default lemon_squeezy."),
            .optional("payment_provider", .text(maxBytes: 50), "Default lemon_squeezy."),
            .optional("lemon_squeezy_order_id", .identifier, "Unique; a repeat returns the stored payment."),
            .optional("lemon_squeezy_subscription_id", .identifier, "Lemon Squeezy subscription."),
            .optional("lemon_squeezy_customer_id", .identifier, "Lemon Squeezy customer."),
            .optional("subscription_id", .identifier, "An existing subscription."), .optional("plan_id", .planID, "An existing plan."),
            .optional("credits_awarded", .integer(min: 0, max: Int64.max), "Granted when completed."),
            .optional("transaction_type", .text(maxBytes: 50), "Default subscription."),
            .optional("description", .text(maxBytes: 1000), "Free text."), .metadata,
        ],
        result: Payment.fields, errors: ["not_found", "already_exists", "idempotency_conflict"])
}
