extension MethodCatalog {
    public static let packFields: [(String, String)] = [
        ("variant_id", "Lemon Squeezy variant id"), ("credits", "credits one unit grants"), ("name", "string or null"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    static let packs: [MethodDescriptor] = [
        MethodDescriptor(
            "packs.upsert",
            "Declares a Lemon Squeezy variant a one-off credit pack: its order_created grants credits x quantity, never expiring. "
                + "A plan's variant cannot be a pack.",
            access: .write,
            params: [
                .required("variant_id", .identifier, "The Lemon Squeezy variant id (first_order_item.variant_id)."),
                .required("credits", .credits, "Credits per unit bought, >= 1."),
                .optional("name", .text(maxBytes: 255), "Display name; kept when omitted."),
            ],
            result: packFields, errors: ["already_exists"]),
        MethodDescriptor("packs.list", "Every credit pack, by variant_id.", access: .read, result: [("packs", "[pack]")]),
    ]
}
