import BillingProtocol

/// `UsageRecords` in SQL, on one store session.
public struct UsageTable: UsageRecords {
    let db: any Connection

    public func insert(_ row: UsageRow) throws {
        try BulkStatement.insert(db, into: "usage_logs", columns: UsageRow.columns, rows: [row.values])
    }

    public func page(user: String, from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord] {
        try db.query("""
            SELECT * FROM usage_logs
            WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND (created_at < ?4 OR (created_at = ?4 AND id < ?5))
            ORDER BY created_at DESC, id DESC LIMIT ?6
            """,
            [.text(user), .integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max),
             .integer(after?.time ?? Int64.max), .text(after?.id ?? "\u{10FFFF}"), .integer(limit)]).map(UsageRecord.init(row:))
    }

    public func range(from: Timestamp?, to: Timestamp?, after: ListPosition?, limit: Int64) throws -> [UsageRecord] {
        try KeysetPage.oldestFirst(db, table: "usage_logs", from: from, to: to, after: after, limit: limit).map(UsageRecord.init(row:))
    }
}
