/// One `usage_logs` row as `usage.list` (and `billingd export usage`) show it.
public struct UsageRecord: Sendable, Equatable {
    public let usageID: String
    public let userID: String
    public let usageType: String
    public let creditsUsed: Int64
    public let productCount: Int64
    public let languageCode: String?
    public let category: String?
    public let tokensUsed: Int64?
    public let responseTimeMs: Int64?
    public let costUSD: Money?
    public let requestID: String?
    public let batchID: String?
    public let endpointUsed: String?
    public let metadata: JSONText
    public let createdAt: Timestamp

    public init(usageID: String, userID: String, usageType: String, creditsUsed: Int64, productCount: Int64, languageCode: String?,
                category: String?, tokensUsed: Int64?, responseTimeMs: Int64?, costUSD: Money?, requestID: String?, batchID: String?,
                endpointUsed: String?, metadata: JSONText, createdAt: Timestamp) {
        self.usageID = usageID
        self.userID = userID
        self.usageType = usageType
        self.creditsUsed = creditsUsed
        self.productCount = productCount
        self.languageCode = languageCode
        self.category = category
        self.tokensUsed = tokensUsed
        self.responseTimeMs = responseTimeMs
        self.costUSD = costUSD
        self.requestID = requestID
        self.batchID = batchID
        self.endpointUsed = endpointUsed
        self.metadata = metadata
        self.createdAt = createdAt
    }

    /// The members in wire order (`usage.list`, exports).
    public static let fieldNames = ["id", "usage_id", "user_id", "usage_type", "credits_used", "product_count", "language_code", "category",
                                    "tokens_used", "response_time_ms", "cost_usd", "request_id", "batch_id", "endpoint_used", "metadata",
                                    "created_at"]

    public init(wire json: JSONValue) throws(RPCError) {
        usageID = try WireField.string(json["usage_id"], "usage_id")
        userID = try WireField.string(json["user_id"], "user_id")
        usageType = try WireField.string(json["usage_type"], "usage_type")
        creditsUsed = try WireField.int(json["credits_used"], "credits_used")
        productCount = try WireField.int(json["product_count"], "product_count")
        languageCode = try WireField.optionalString(json["language_code"], "language_code")
        category = try WireField.optionalString(json["category"], "category")
        tokensUsed = try WireField.optionalInt(json["tokens_used"], "tokens_used")
        responseTimeMs = try WireField.optionalInt(json["response_time_ms"], "response_time_ms")
        costUSD = try WireField.optionalMoney(json["cost_usd"], scale: Money.costScale, "cost_usd")
        requestID = try WireField.optionalString(json["request_id"], "request_id")
        batchID = try WireField.optionalString(json["batch_id"], "batch_id")
        endpointUsed = try WireField.optionalString(json["endpoint_used"], "endpoint_used")
        metadata = JSONText(json["metadata"] ?? .object(JSONObject()))
        guard let createdAt = try WireField.time(json["created_at"], "created_at") else {
            throw RPCError(.internalError, "unexpected answer: 'created_at' is null")
        }
        self.createdAt = createdAt
    }

    public var wire: JSONValue {
        .object([
            "id": .string(usageID), "usage_id": .string(usageID), "user_id": .string(userID), "usage_type": .string(usageType),
            "credits_used": .int(creditsUsed), "product_count": .int(productCount), "language_code": WireField.wire(languageCode),
            "category": WireField.wire(category), "tokens_used": WireField.wire(tokensUsed), "response_time_ms": WireField.wire(responseTimeMs),
            "cost_usd": costUSD.map { .string($0.description) } ?? .null, "request_id": WireField.wire(requestID),
            "batch_id": WireField.wire(batchID), "endpoint_used": WireField.wire(endpointUsed), "metadata": metadata.json,
            "created_at": .string(createdAt.rfc3339),
        ])
    }
}
