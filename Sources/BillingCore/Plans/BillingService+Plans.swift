import BillingProtocol

extension BillingService {
    static let planHandlers: [Handler] = [
        .method(PlansList.self) { _, db, p in PlanList(plans: try db.plans.all(includeInactive: p.includeInactive)) },
        .method(PlansGet.self) { _, db, p in try Plans.get(db.plans, p.planID) },
        .method(PlansUpsert.self) { ctx, db, p in try Plans.upsert(db.plans, packs: db.packs, p, now: ctx.now) },
    ]
}
