import BillingProtocol

/// `usage_logs`: one row per consume or committed reservation, for billing and analytics.
enum UsageLog {
    static func insert(_ db: StoreSession, id: String, user: String, credits: Int64, _ usage: UsageFields, now: Timestamp) throws {
        try db.usage.insert(UsageRow(id: id, user: user, credits: credits, fields: usage, at: now))
    }

    /// `usage.list`: newest first, paged by (created_at, id).
    static func list(_ db: StoreSession, user: String, from: Timestamp?, to: Timestamp?, limit: Int64, cursor: String?) throws -> UsagePage {
        let rows = try db.usage.page(user: user, from: from, to: to, after: try Cursor.decode(cursor), limit: limit + 1)
        let page = Cursor.page(rows, limit: limit) { ($0.createdAt, $0.usageID) }
        return UsagePage(usage: page.items, nextCursor: page.nextCursor)
    }
}
