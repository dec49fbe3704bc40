/// `credits.consume`: spends credits atomically and logs one usage row.
public enum CreditsConsume: BillingMethod {
    public typealias Result = Consumption

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var amount: Int64
        /// Also take a rate-limit token, all or nothing.
        public var checkRateLimit: Bool
        /// Answer as if it ran; change nothing.
        public var dryRun: Bool
        public var usage: UsageFields
        public var idempotencyKey: String?

        public init(userID: String, amount: Int64, checkRateLimit: Bool = false, dryRun: Bool = false, usage: UsageFields = UsageFields(),
                    idempotencyKey: String? = nil) {
            self.userID = userID
            self.amount = amount
            self.checkRateLimit = checkRateLimit
            self.dryRun = dryRun
            self.usage = usage
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(userID: p.requiredString("user_id"), amount: p.requiredInt("amount"), checkRateLimit: p.bool("check_rate_limit") ?? false,
                      dryRun: p.bool("dry_run") ?? false, usage: UsageFields(validated: p), idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object = usage.wire
            object["user_id"] = .string(userID)
            object["amount"] = .int(amount)
            if checkRateLimit { object["check_rate_limit"] = true }
            if dryRun { object["dry_run"] = true }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.consume", "Spends credits atomically and logs one usage row (soonest-expiring credits first).", access: .write,
        params: [.required("user_id", .identifier, "The user."), .required("amount", .credits, ">= 1."),
                 .optional("check_rate_limit", .boolean, "Also take a rate-limit token, all or nothing."),
                 .optional("dry_run", .boolean, "Answer as if it ran; change nothing.")] + UsageFields.specs,
        result: Consumption.fields,
        errors: ["insufficient_credits", "rate_limited", "subscription_inactive", "plan_limit_exceeded"])
}
