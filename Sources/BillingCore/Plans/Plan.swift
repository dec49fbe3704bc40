import BillingProtocol
import BillingStore

/// A row of `subscription_plans`, as the domain uses it.
public struct Plan: Sendable, Equatable {
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
    public let features: JSONValue
    public let lemonSqueezyVariantID: String?
    public let lemonSqueezyProductID: String?
    public let isActive: Bool
    public let sortOrder: Int64
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    init(row: Row) {
        id = row.string("id")
        name = row.string("name")
        description = row.optionalString("description")
        price = Money(minorUnits: row.int("price"), scale: Money.priceScale)
        currency = row.string("currency")
        billingInterval = Timestamp.CalendarUnit(rawValue: row.string("billing_interval")) ?? .month
        creditsPerPeriod = row.int("credits_per_period")
        maxProductsPerBatch = row.int("max_products_per_batch")
        maxAPICallsPerDay = row.int("max_api_calls_per_day")
        requestsPerMinute = row.int("requests_per_minute")
        requestsPerHour = row.int("requests_per_hour")
        features = (try? JSONParser.parse(row.string("features"))) ?? .object(JSONObject())
        lemonSqueezyVariantID = row.optionalString("lemon_squeezy_variant_id")
        lemonSqueezyProductID = row.optionalString("lemon_squeezy_product_id")
        isActive = row.bool("is_active")
        sortOrder = row.int("sort_order")
        createdAt = Timestamp(milliseconds: row.int("created_at"))
        updatedAt = Timestamp(milliseconds: row.int("updated_at"))
    }

    public var json: JSONValue {
        .object([
            "id": .string(id), "name": .string(name), "description": description.map { .string($0) } ?? .null,
            "price": .string(price.description), "currency": .string(currency),
            "billing_interval": .string(billingInterval.rawValue), "credits_per_period": .int(creditsPerPeriod),
            "max_products_per_batch": .int(maxProductsPerBatch), "max_api_calls_per_day": .int(maxAPICallsPerDay),
            "requests_per_minute": .int(requestsPerMinute), "requests_per_hour": .int(requestsPerHour),
            "features": features,
            "lemon_squeezy_variant_id": lemonSqueezyVariantID.map { .string($0) } ?? .null,
            "lemon_squeezy_product_id": lemonSqueezyProductID.map { .string($0) } ?? .null,
            "is_active": .bool(isActive), "sort_order": .int(sortOrder),
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
