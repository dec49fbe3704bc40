/// The optional usage-log fields of `credits.consume` and `credits.commit`.
public struct UsageFields: Sendable, Equatable {
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
    public var metadata: JSONText?

    public init(usageType: String? = nil, productCount: Int64? = nil, languageCode: String? = nil, category: String? = nil,
                tokensUsed: Int64? = nil, responseTimeMs: Int64? = nil, costUSD: Money? = nil, requestID: String? = nil,
                batchID: String? = nil, endpointUsed: String? = nil, metadata: JSONText? = nil) {
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

    /// The catalog's specs for these fields (shared by consume and commit).
    public static let specs: [ParamSpec] = [
        .optional("usage_type", .text(maxBytes: 50), "Default ai_generation."),
        .optional("product_count", .integer(min: 0, max: Int64(Int32.max)), "Default 1; at most the plan's max_products_per_batch."),
        .optional("language_code", .text(maxBytes: 10), "e.g. en."),
        .optional("category", .text(maxBytes: 100), "Product category."),
        .optional("tokens_used", .integer(min: 0, max: Int64.max), "Model tokens."),
        .optional("response_time_ms", .integer(min: 0, max: Int64(Int32.max)), "Generation latency."),
        .optional("cost_usd", .money(scale: 6, min: 0), "Decimal, at most 6 places."),
        .optional("request_id", .identifier, "Caller's request id."), .optional("batch_id", .identifier, "Caller's batch id."),
        .optional("endpoint_used", .text(maxBytes: 100), "Caller's endpoint."), .metadata,
    ]

    public init(validated p: Params) {
        self.init(usageType: p.string("usage_type"), productCount: p.int("product_count"), languageCode: p.string("language_code"),
                  category: p.string("category"), tokensUsed: p.int("tokens_used"), responseTimeMs: p.int("response_time_ms"),
                  costUSD: p.money("cost_usd"), requestID: p.string("request_id"), batchID: p.string("batch_id"),
                  endpointUsed: p.string("endpoint_used"), metadata: p.json("metadata").map(JSONText.init))
    }

    public var wire: JSONObject {
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
        object["metadata"] = metadata?.json
        return object
    }
}
