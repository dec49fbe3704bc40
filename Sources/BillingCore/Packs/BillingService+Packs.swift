import BillingProtocol

extension BillingService {
    static let packHandlers: [Handler] = [
        .method(PacksList.self) { _, db, _ in PackList(packs: try db.packs.all()) },
        .method(PacksUpsert.self) { ctx, db, p in
            try CreditPacks.upsert(db.packs, plans: db.plans, variantID: p.variantID, credits: p.credits, name: p.name, now: ctx.now)
        },
    ]
}
