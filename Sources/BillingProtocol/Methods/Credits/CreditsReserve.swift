/// `credits.reserve`: holds credits for work in progress; released by the daemon at `expires_at`.
public enum CreditsReserve: BillingMethod {
    public typealias Result = Reservation

    /// Five minutes.
    public static let defaultTTLMilliseconds: Int64 = 300_000

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var amount: Int64
        public var ttlMilliseconds: Int64?
        public var productCount: Int64?
        public var checkRateLimit: Bool
        public var idempotencyKey: String?

        public init(userID: String, amount: Int64, ttlMilliseconds: Int64? = nil, productCount: Int64? = nil, checkRateLimit: Bool = false,
                    idempotencyKey: String? = nil) {
            self.userID = userID
            self.amount = amount
            self.ttlMilliseconds = ttlMilliseconds
            self.productCount = productCount
            self.checkRateLimit = checkRateLimit
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(userID: p.requiredString("user_id"), amount: p.requiredInt("amount"), ttlMilliseconds: p.int("ttl_ms"),
                      productCount: p.int("product_count"), checkRateLimit: p.bool("check_rate_limit") ?? false,
                      idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID), "amount": .int(amount)]
            object["ttl_ms"] = ttlMilliseconds.map { .int($0) }
            object["product_count"] = productCount.map { .int($0) }
            if checkRateLimit { object["check_rate_limit"] = true }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.reserve", "Holds credits for work in progress; released by the daemon at expires_at.", access: .write,
        params: [.required("user_id", .identifier, "The user."), .required("amount", .credits, ">= 1."),
                 .optional("ttl_ms", .integer(min: 1, max: 86_400_000), "Hold time, default 300000 (5 minutes)."),
                 .optional("product_count", .integer(min: 0, max: Int64(Int32.max)),
                           "Products the work covers, default 1; checked against the plan's max_products_per_batch."),
                 .optional("check_rate_limit", .boolean, "Also take a rate-limit token, all or nothing.")],
        result: Reservation.fields,
        errors: ["insufficient_credits", "rate_limited", "subscription_inactive", "plan_limit_exceeded"])
}
