/// `credits.grant` on the wire: its catalog entry and its params' JSON.
extension CreditsGrant: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Adds credits (never-expiring unless expires_at).",
        params: [.required("user_id", .identifier, "The user."), .required("amount", .credits, ">= 1."),
                 .optional("source", .oneOf(Source.allCases.map(\.rawValue)), "Default purchase."),
                 .optional("expires_at", .timestamp, "In the future."), .optional("description", .text(maxBytes: 1000), "Why.")],
        result: CreditBalance.fields)
}

extension CreditsGrant.Parameters: MethodParameters {
    public init(validated p: Params) {
        self.init(userID: p.requiredString("user_id"), amount: p.requiredInt("amount"),
                  source: p.string("source").flatMap(CreditsGrant.Source.init(rawValue:)) ?? .purchase, expiresAt: p.time("expires_at"),
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
