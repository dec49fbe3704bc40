import BillingProtocol

extension BillingService {
    static let packHandlers: [Handler] = [
        .method("packs.list") { _, db, _ in .object(["packs": .array(try CreditPacks.list(db).map(\.json))]) },
        .method("packs.upsert") { ctx, db, p in
            try CreditPacks.upsert(db, variantID: p.requiredString("variant_id"), credits: p.requiredInt("credits"),
                                   name: p.string("name"), hasName: p.has("name"), now: ctx.now).json
        },
    ]
}
