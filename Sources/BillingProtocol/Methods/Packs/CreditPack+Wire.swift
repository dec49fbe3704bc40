/// `CreditPack` on the wire: its members, and its JSON both ways.
extension CreditPack: MethodResult {
    public static let fields: [(String, String)] = [
        ("variant_id", "Lemon Squeezy variant id"), ("credits", "credits one unit grants"), ("name", "string or null"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    public init(wire json: JSONValue) throws(RPCError) {
        let variantID = try WireField.string(json["variant_id"], "variant_id")
        let credits = try WireField.int(json["credits"], "credits")
        let name = try WireField.optionalString(json["name"], "name")
        guard let createdAt = try WireField.time(json["created_at"], "created_at"),
            let updatedAt = try WireField.time(json["updated_at"], "updated_at")
        else { throw RPCError(.internalError, "unexpected answer: a pack without its times") }
        self.init(variantID: variantID, credits: credits, name: name, createdAt: createdAt, updatedAt: updatedAt)
    }

    public var wire: JSONValue {
        .object([
            "variant_id": .string(variantID), "credits": .int(credits), "name": WireField.wire(name),
            "created_at": .string(createdAt.rfc3339), "updated_at": .string(updatedAt.rfc3339),
        ])
    }
}
