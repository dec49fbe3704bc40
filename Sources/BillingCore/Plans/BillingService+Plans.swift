import BillingProtocol

extension BillingService {
    static let planHandlers: [String: Handler] = [
        "plans.list": .read { _, db, p in
            .object(["plans": .array(try Plans.list(db, includeInactive: p.bool("include_inactive") ?? false).map(\.json))])
        },
        "plans.get": .read { _, db, p in try Plans.get(db, p.requiredString("plan_id")).json },
        "plans.upsert": .write { ctx, db, p in try Plans.upsert(db, p, now: ctx.now).json },
    ]
}
