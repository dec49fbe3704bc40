import BillingProtocol

/// The optional usage-log fields of `credits.consume` and `credits.commit`.
public struct UsageFields: Sendable {
    public var usageType: String?
    public var productCount: Int64?
    public var languageCode: String?
    public var category: String?
    public var tokensUsed: Int64?
    public var responseTimeMs: Int64?
    /// Exact: at most 6 decimals.
    public var costUSD: Money?
    public var requestID: String?
    public var batchID: String?
    public var endpointUsed: String?
    public var metadata: JSONObject?

    public init(usageType: String? = nil, productCount: Int64? = nil, languageCode: String? = nil, category: String? = nil,
                tokensUsed: Int64? = nil, responseTimeMs: Int64? = nil, costUSD: Money? = nil, requestID: String? = nil,
                batchID: String? = nil, endpointUsed: String? = nil, metadata: JSONObject? = nil) {
        self.usageType = usageType
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
    }

    var json: JSONObject {
        var object = JSONObject()
        object["usage_type"] = usageType.map { .string($0) }
        object["product_count"] = productCount.map { .int($0) }
        object["language_code"] = languageCode.map { .string($0) }
        object["category"] = category.map { .string($0) }
        object["tokens_used"] = tokensUsed.map { .int($0) }
        object["response_time_ms"] = responseTimeMs.map { .int($0) }
        object["cost_usd"] = costUSD.map { .string($0.description) }
        object["request_id"] = requestID.map { .string($0) }
        object["batch_id"] = batchID.map { .string($0) }
        object["endpoint_used"] = endpointUsed.map { .string($0) }
        object["metadata"] = metadata.map { .object($0) }
        return object
    }
}
