import BillingProtocol

extension BillingService {
    static let auditHandlers: [Handler] = [
        .method(AuditList.self) { _, db, p in
            try AuditLog.list(db, AuditLog.Filter(from: p.from, to: p.to, method: p.method, userID: p.userID), limit: p.page.limit,
                              cursor: p.page.cursor)
        },
    ]
}
