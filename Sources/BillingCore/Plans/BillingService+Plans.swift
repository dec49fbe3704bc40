import BillingProtocol

extension BillingService {
    static let planHandlers: [Handler] = [
        .method(PlansList.self) { _, db, p in PlanList(plans: try Plans.list(db, includeInactive: p.includeInactive)) },
        .method(PlansGet.self) { _, db, p in try Plans.get(db, p.planID) },
        .method(PlansUpsert.self) { ctx, db, p in try Plans.upsert(db, p, now: ctx.now) },
    ]
}
