import BillingProtocol

extension BillingService {
    static let planHandlers: [Handler] = [
        .method("plans.list") { _, db, p in
            .object(["plans": .array(try Plans.list(db, includeInactive: p.bool("include_inactive") ?? false).map(\.json))])
        },
        .method("plans.get") { _, db, p in try Plans.get(db, p.requiredString("plan_id")).json },
        .method("plans.upsert") { ctx, db, p in try Plans.upsert(db, p, now: ctx.now).json },
    ]
}
