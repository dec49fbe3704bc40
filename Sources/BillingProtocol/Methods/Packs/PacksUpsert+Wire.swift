/// `packs.upsert` on the wire: its catalog entry and its params' JSON.
extension PacksUpsert: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self,
        "Declares a Lemon Squeezy variant a one-off credit pack: its order_created grants credits x quantity, never expiring. "
            + "A plan's variant cannot be a pack.",
        params: [
            .required("variant_id", .identifier, "The Lemon Squeezy variant id (first_order_item.variant_id)."),
            .required("credits", .credits, "Credits per unit bought, >= 1."),
            .optional("name", .text(maxBytes: 255), "Display name; kept when omitted."),
        ],
        result: CreditPack.fields, errors: ["already_exists"])
}

extension PacksUpsert.Parameters: MethodParameters {
    public init(validated p: Params) {
        self.init(variantID: p.requiredString("variant_id"), credits: p.requiredInt("credits"), name: p.string("name"),
                  idempotencyKey: p.string("idempotency_key"))
    }

    public var wire: JSONObject {
        var object: JSONObject = ["variant_id": .string(variantID), "credits": .int(credits)]
        object["name"] = name.map { .string($0) }
        object["idempotency_key"] = idempotencyKey.map { .string($0) }
        return object
    }
}
