import BillingProtocol

extension BillingService {
    static let auditHandlers: [Handler] = [
        .method("audit.list") { _, db, p in
            let filter = AuditLog.Filter(from: p.time("from"), to: p.time("to"), method: p.string("method"), userID: p.string("user_id"))
            return try AuditLog.list(db, filter, limit: p.int("limit") ?? 50, cursor: p.string("cursor")).json
        },
    ]
}
