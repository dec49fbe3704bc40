/// `plans.upsert`: creates or replaces a plan; omitted optional members keep their stored value
/// (or the default for a new plan).
public enum PlansUpsert: BillingMethod {
    public typealias Result = Plan

    public struct Parameters: MethodParameters, Equatable {
        public var id: String
        public var name: String
        public var price: Money
        public var description: String?
        public var currency: String?
        public var billingInterval: Timestamp.CalendarUnit?
        public var creditsPerPeriod: Int64?
        public var maxProductsPerBatch: Int64?
        public var maxAPICallsPerDay: Int64?
        public var requestsPerMinute: Int64?
        public var requestsPerHour: Int64?
        public var features: JSONText?
        public var lemonSqueezyVariantID: String?
        public var lemonSqueezyProductID: String?
        public var isActive: Bool?
        public var sortOrder: Int64?
        public var idempotencyKey: String?

        public init(id: String, name: String, price: Money) {
            self.id = id
            self.name = name
            self.price = price
        }

        public init(validated p: Params) throws(RPCError) {
            guard let price = p.money("price") else { throw RPCError.invalidParams(field: "price", "'price' is required") }
            self.init(id: p.requiredString("id"), name: p.requiredString("name"), price: price)
            description = p.string("description")
            currency = p.string("currency")
            billingInterval = p.string("billing_interval").flatMap(Timestamp.CalendarUnit.init(rawValue:))
            creditsPerPeriod = p.int("credits_per_period")
            maxProductsPerBatch = p.int("max_products_per_batch")
            maxAPICallsPerDay = p.int("max_api_calls_per_day")
            requestsPerMinute = p.int("requests_per_minute")
            requestsPerHour = p.int("requests_per_hour")
            features = p.json("features").map(JSONText.init)
            lemonSqueezyVariantID = p.string("lemon_squeezy_variant_id")
            lemonSqueezyProductID = p.string("lemon_squeezy_product_id")
            isActive = p.bool("is_active")
            sortOrder = p.int("sort_order")
            idempotencyKey = p.string("idempotency_key")
        }

        public var wire: JSONObject {
            var object: JSONObject = ["id": .string(id), "name": .string(name), "price": .string(price.description)]
            object["description"] = description.map { .string($0) }
            object["currency"] = currency.map { .string($0) }
            object["billing_interval"] = billingInterval.map { .string($0.rawValue) }
            object["credits_per_period"] = creditsPerPeriod.map { .int($0) }
            object["max_products_per_batch"] = maxProductsPerBatch.map { .int($0) }
            object["max_api_calls_per_day"] = maxAPICallsPerDay.map { .int($0) }
            object["requests_per_minute"] = requestsPerMinute.map { .int($0) }
            object["requests_per_hour"] = requestsPerHour.map { .int($0) }
            object["features"] = features?.json
            object["lemon_squeezy_variant_id"] = lemonSqueezyVariantID.map { .string($0) }
            object["lemon_squeezy_product_id"] = lemonSqueezyProductID.map { .string($0) }
            object["is_active"] = isActive.map { .bool($0) }
            object["sort_order"] = sortOrder.map { .int($0) }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "plans.upsert", "Creates or replaces a plan; omitted optional members keep their stored value (or the default).",
        access: .write,
        params: [
            .required("id", .planID, "The plan's id."),
            .required("name", .text(maxBytes: 255), "Display name."),
            .required("price", .money(scale: 2, min: 0), "Price per period, >= 0, at most 2 decimals."),
            .optional("description", .text(maxBytes: 65536), "Free text."),
            .optional("currency", .text(maxBytes: 3), "3-letter upper-case code, default USD."),
            .optional("billing_interval", .oneOf(Timestamp.CalendarUnit.allCases.map(\.rawValue)), "Default month."),
            .optional("credits_per_period", .integer(min: 0, max: Int64.max), "Default 0."),
            .optional("max_products_per_batch", .integer(min: 0, max: Int64.max), "Default 0."),
            .optional("max_api_calls_per_day", .integer(min: 0, max: Int64.max), "Default 0."),
            .optional("requests_per_minute", .integer(min: 0, max: 1_000_000_000), "Default 5."),
            .optional("requests_per_hour", .integer(min: 0, max: 1_000_000_000), "Default 50."),
            .optional("features", .object, "Feature flags, default {}."),
            .optional("lemon_squeezy_variant_id", .identifier, "Unique across plans."),
            .optional("lemon_squeezy_product_id", .identifier, "Lemon Squeezy product."),
            .optional("is_active", .boolean, "Default true."),
            .optional("sort_order", .integer(min: Int64(Int32.min), max: Int64(Int32.max)), "Default 0."),
        ],
        result: Plan.fields, errors: ["already_exists"])
}
