/// `credits.grant`: adds credits (never-expiring unless `expires_at`).
public enum CreditsGrant: BillingMethod {
    public typealias Result = CreditBalance

    public enum Source: String, Sendable, CaseIterable {
        case purchase, promo, adjustment, refund
    }

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var amount: Int64
        public var source: Source
        public var expiresAt: Timestamp?
        public var description: String?
        public var idempotencyKey: String?

        public init(userID: String, amount: Int64, source: Source = .purchase, expiresAt: Timestamp? = nil, description: String? = nil,
                    idempotencyKey: String? = nil) {
            self.userID = userID
            self.amount = amount
            self.source = source
            self.expiresAt = expiresAt
            self.description = description
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(userID: p.requiredString("user_id"), amount: p.requiredInt("amount"),
                      source: p.string("source").flatMap(Source.init(rawValue:)) ?? .purchase, expiresAt: p.time("expires_at"),
                      description: p.string("description"), idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID), "amount": .int(amount), "source": .string(source.rawValue)]
            object["expires_at"] = expiresAt.map { .string($0.rfc3339) }
            object["description"] = description.map { .string($0) }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.grant", "Adds credits (never-expiring unless expires_at).", access: .write,
        params: [.required("user_id", .identifier, "The user."), .required("amount", .credits, ">= 1."),
                 .optional("source", .oneOf(Source.allCases.map(\.rawValue)), "Default purchase."),
                 .optional("expires_at", .timestamp, "In the future."), .optional("description", .text(maxBytes: 1000), "Why.")],
        result: CreditBalance.fields)
}
