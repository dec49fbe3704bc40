import BillingProtocol
import BillingStore

/// `usage_logs`: one row per consume or committed reservation, for billing and analytics.
enum UsageLog {
    static func insert(_ db: Connection, id: String, user: String, credits: Int64, _ usage: UsageFields, now: Timestamp) throws {
        try db.usage.insert(UsageRow(id: id, user: user, credits: credits, fields: usage, at: now))
    }

    /// `usage.list`: newest first, paged by (created_at, id).
    static func list(_ db: Connection, user: String, from: Timestamp?, to: Timestamp?, limit: Int64, cursor: String?) throws -> UsagePage {
        let rows = try db.usage.page(user: user, from: from, to: to, after: try Cursor.decode(cursor), limit: limit + 1)
        let page = Cursor.page(rows, limit: limit) { ($0.createdAt, $0.usageID) }
        return UsagePage(usage: page.items, nextCursor: page.nextCursor)
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

    /// `usage.summary`: totals per group over [from, to). Sums are `wide_sum` (exact in 128 bits):
    /// one user's huge `tokens_used` or `cost_usd` never makes the summary fail for everyone, and a
    /// total past 64 bits is still written as its exact JSON integer (or decimal string for money).
    static func summary(_ db: Connection, user: String?, from: Timestamp, to: Timestamp, groupBy: UsageGrouping) throws -> UsageSummary {
        let rows = try db.query("""
            SELECT \(grouping(groupBy, db.dialect)) AS key, count(*) AS requests, wide_sum(credits_used) AS credits_used,
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
}
