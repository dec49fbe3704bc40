/// A subscription plan (`subscription_plans`), as the domain uses it and the wire shows it.
public struct Plan: MethodResult, Equatable {
    public let id: String
    public let name: String
    public let description: String?
    public let price: Money
    public let currency: String
    public let billingInterval: Timestamp.CalendarUnit
    public let creditsPerPeriod: Int64
    public let maxProductsPerBatch: Int64
    public let maxAPICallsPerDay: Int64
    public let requestsPerMinute: Int64
    public let requestsPerHour: Int64
    public let features: JSONText
    public let lemonSqueezyVariantID: String?
    public let lemonSqueezyProductID: String?
    public let isActive: Bool
    public let sortOrder: Int64
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(id: String, name: String, description: String?, price: Money, currency: String, billingInterval: Timestamp.CalendarUnit,
                creditsPerPeriod: Int64, maxProductsPerBatch: Int64, maxAPICallsPerDay: Int64, requestsPerMinute: Int64,
                requestsPerHour: Int64, features: JSONText, lemonSqueezyVariantID: String?, lemonSqueezyProductID: String?,
                isActive: Bool, sortOrder: Int64, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.name = name
        self.description = description
        self.price = price
        self.currency = currency
        self.billingInterval = billingInterval
        self.creditsPerPeriod = creditsPerPeriod
        self.maxProductsPerBatch = maxProductsPerBatch
        self.maxAPICallsPerDay = maxAPICallsPerDay
        self.requestsPerMinute = requestsPerMinute
        self.requestsPerHour = requestsPerHour
        self.features = features
        self.lemonSqueezyVariantID = lemonSqueezyVariantID
        self.lemonSqueezyProductID = lemonSqueezyProductID
        self.isActive = isActive
        self.sortOrder = sortOrder
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The plan object's members, shared by every method that returns a plan.
    public static let fields: [(String, String)] = [
        ("id", "plan id"), ("name", "display name"), ("description", "string or null"), ("price", "decimal string, 2 places"),
        ("currency", "ISO 4217 code"), ("billing_interval", "day | week | month | year"),
        ("credits_per_period", "credits granted each period"), ("max_products_per_batch", "integer"),
        ("max_api_calls_per_day", "integer"), ("requests_per_minute", "rate limit"), ("requests_per_hour", "rate limit"),
        ("features", "object"), ("lemon_squeezy_variant_id", "string or null"), ("lemon_squeezy_product_id", "string or null"),
        ("is_active", "boolean"), ("sort_order", "integer"), ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        guard let priceText = json["price"]?.stringValue, let price = try? Money(parsing: priceText, scale: Money.priceScale),
            let interval = json["billing_interval"]?.stringValue.flatMap(Timestamp.CalendarUnit.init(rawValue:)),
            let createdAt = try WireField.time(json["created_at"], "created_at"), let updatedAt = try WireField.time(json["updated_at"], "updated_at")
        else { throw RPCError(.internalError, "unexpected answer: not a plan") }
        self.init(
            id: try WireField.string(json["id"], "id"), name: try WireField.string(json["name"], "name"),
            description: try WireField.optionalString(json["description"], "description"), price: price,
            currency: try WireField.string(json["currency"], "currency"), billingInterval: interval,
            creditsPerPeriod: try WireField.int(json["credits_per_period"], "credits_per_period"),
            maxProductsPerBatch: try WireField.int(json["max_products_per_batch"], "max_products_per_batch"),
            maxAPICallsPerDay: try WireField.int(json["max_api_calls_per_day"], "max_api_calls_per_day"),
            requestsPerMinute: try WireField.int(json["requests_per_minute"], "requests_per_minute"),
            requestsPerHour: try WireField.int(json["requests_per_hour"], "requests_per_hour"),
            features: JSONText(json["features"] ?? .object(JSONObject())),
            lemonSqueezyVariantID: try WireField.optionalString(json["lemon_squeezy_variant_id"], "lemon_squeezy_variant_id"),
            lemonSqueezyProductID: try WireField.optionalString(json["lemon_squeezy_product_id"], "lemon_squeezy_product_id"),
            isActive: try WireField.bool(json["is_active"], "is_active"), sortOrder: try WireField.int(json["sort_order"], "sort_order"),
            createdAt: createdAt, updatedAt: updatedAt)
    }

    public var wire: JSONValue {
        .object([
            "id": .string(id), "name": .string(name), "description": WireField.wire(description),
            "price": .string(price.description), "currency": .string(currency),
            "billing_interval": .string(billingInterval.rawValue), "credits_per_period": .int(creditsPerPeriod),
            "max_products_per_batch": .int(maxProductsPerBatch), "max_api_calls_per_day": .int(maxAPICallsPerDay),
            "requests_per_minute": .int(requestsPerMinute), "requests_per_hour": .int(requestsPerHour),
            "features": features.json,
            "lemon_squeezy_variant_id": WireField.wire(lemonSqueezyVariantID),
            "lemon_squeezy_product_id": WireField.wire(lemonSqueezyProductID),
            "is_active": .bool(isActive), "sort_order": .int(sortOrder),
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
