/// A Lemon Squeezy variant sold as a one-off bundle of credits (`credit_packs`).
public struct CreditPack: MethodResult, Equatable {
    public let variantID: String
    public let credits: Int64
    public let name: String?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(variantID: String, credits: Int64, name: String?, createdAt: Timestamp, updatedAt: Timestamp) {
        self.variantID = variantID
        self.credits = credits
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let fields: [(String, String)] = [
        ("variant_id", "Lemon Squeezy variant id"), ("credits", "credits one unit grants"), ("name", "string or null"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        variantID = try WireField.string(json["variant_id"], "variant_id")
        credits = try WireField.int(json["credits"], "credits")
        name = try WireField.optionalString(json["name"], "name")
        guard let createdAt = try WireField.time(json["created_at"], "created_at"),
            let updatedAt = try WireField.time(json["updated_at"], "updated_at")
        else { throw RPCError(.internalError, "unexpected answer: a pack without its times") }
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var wire: JSONValue {
        .object([
            "variant_id": .string(variantID), "credits": .int(credits), "name": WireField.wire(name),
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
