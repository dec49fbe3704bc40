import BillingCore
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

    public func prunable(before cut: Timestamp) throws -> [(user: String, requests: Int64, creditsUsed: Int128, costUSD: Int128)] {
        try db.query("""
            SELECT user_id, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at < ?1 GROUP BY user_id
            """, [.integer(cut.milliseconds)]).map { ($0.string("user_id"), $0.int("requests"), $0.wide("credits_used"), $0.wide("cost_usd")) }
    }

    public func pruned(_ user: String) throws -> PrunedUsage? {
        try db.queryOne("SELECT requests, credits_used, cost_usd, pruned_before FROM usage_pruned WHERE user_id = ?", [.text(user)]).map {
            PrunedUsage(requests: $0.int("requests"), creditsUsed: $0.int("credits_used"), costUSD: $0.int("cost_usd"),
                        prunedBefore: $0.int("pruned_before"))
        }
    }

    public func savePruned(_ user: String, _ totals: PrunedUsage) throws {
        try db.run("""
            INSERT INTO usage_pruned (user_id, requests, credits_used, cost_usd, pruned_before) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (user_id) DO UPDATE SET requests = ?2, credits_used = ?3, cost_usd = ?4, pruned_before = ?5
            """, [.text(user), .integer(totals.requests), .integer(totals.creditsUsed), .integer(totals.costUSD), .integer(totals.prunedBefore)])
    }

    public func delete(before cut: Timestamp) throws {
        let values: [SQLValue] = [.integer(cut.milliseconds)]
        try db.run("UPDATE credit_reservations SET usage_id = NULL WHERE usage_id IN (SELECT id FROM usage_logs WHERE created_at < ?)", values)
        try db.run("DELETE FROM usage_logs WHERE created_at < ?", values)
    }

    public func summary(user: String?, from: Timestamp, to: Timestamp, groupBy: UsageGrouping) throws -> UsageSummary {
        let rows = try db.query("""
            SELECT \(UsageTable.grouping(groupBy, db.dialect)) AS key, count(*) AS requests, wide_sum(credits_used) AS credits_used,
                   wide_sum(product_count) AS product_count, wide_sum(tokens_used) AS tokens_used, wide_sum(cost_usd) AS cost_usd,
                   wide_sum(response_time_ms) AS response_total, count(response_time_ms) AS response_count
            FROM usage_logs WHERE created_at >= ?1 AND created_at < ?2\(user == nil ? "" : " AND user_id = ?3")
            GROUP BY key ORDER BY key NULLS FIRST
            """, [.integer(from.milliseconds), .integer(to.milliseconds)] + (user.map { [SQLValue.text($0)] } ?? []))
        return UsageSummary(rows: rows.map { row in
            let count = row.int("response_count")
            return UsageSummary.Row(
                key: row.optionalString("key"), requests: row.int("requests"), creditsUsed: row.wide("credits_used"),
                productCount: row.wide("product_count"), tokensUsed: row.wide("tokens_used"), costUSDMinorUnits: row.wide("cost_usd"),
                averageResponseTimeMs: count > 0 ? row.wide("response_total") / Int128(count) : nil)
        })
    }

    static func grouping(_ grouping: UsageGrouping, _ dialect: SQLDialect) -> String {
        switch grouping {
        case .day: Granularity.day.sql("created_at", dialect)
        case .usageType: "usage_type"
        case .category: "category"
        case .languageCode: "language_code"
        case .endpointUsed: "endpoint_used"
        }
    }
}
