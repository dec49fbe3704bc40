import BillingProtocol

extension BillingService {
    static let usageHandlers: [Handler] = [
        .method("usage.list") { _, db, p in
            try UsageLog.list(db, user: p.requiredString("user_id"), from: p.time("from"), to: p.time("to"),
                              limit: p.int("limit") ?? 50, cursor: p.string("cursor"))
        },
        .method("usage.summary") { _, db, p in
            try UsageLog.summary(db, user: p.string("user_id"), from: p.time("from")!, to: p.time("to")!, groupBy: p.requiredString("group_by"))
        },
    ]
}
