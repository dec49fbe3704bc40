import BillingProtocol

extension BillingService {
    static let usageHandlers: [Handler] = [
        .method(UsageList.self) { _, db, p in
            try UsageLog.list(db, user: p.userID, from: p.from, to: p.to, limit: p.page.limit, cursor: p.page.cursor)
        },
        .method(UsageSummarize.self) { _, db, p in try db.usage.summary(user: p.userID, from: p.from, to: p.to, groupBy: p.groupBy) },
    ]
}
