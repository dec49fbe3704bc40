import BillingProtocol
import BillingStore

/// `usage_logs`: one row per consume or committed reservation, for billing and analytics.
enum UsageLog {
    static func insert(_ db: Connection, id: String, user: String, credits: Int64, _ usage: UsageFields, now: Timestamp) throws {
        try BulkStatement.insert(db, into: "usage_logs", columns: columns, rows: [values(id: id, user: user, credits: credits, usage, now: now)])
    }

    /// The columns a new row sets, in the order of `values`.
    static let columns = ["id", "user_id", "usage_type", "credits_used", "product_count", "language_code", "category", "tokens_used",
                          "response_time_ms", "cost_usd", "request_id", "batch_id", "endpoint_used", "user_credits_id", "metadata",
                          "created_at"]

    /// One new row's values (for `columns`): written at once, or with a batch's other rows.
    static func values(id: String, user: String, credits: Int64, _ usage: UsageFields, now: Timestamp) -> [SQLValue] {
        [
            .text(id), .text(user), .text(usage.usageType ?? "ai_generation"), .integer(credits),
            .integer(usage.productCount ?? 1), .optional(usage.languageCode), .optional(usage.category),
            .optional(usage.tokensUsed), .optional(usage.responseTimeMs), .optional(usage.costUSD?.minorUnits),
            .optional(usage.requestID), .optional(usage.batchID), .optional(usage.endpointUsed),
            .text(user), .text(usage.metadata.map { JSONValue.object($0).serialized() } ?? "{}"), .integer(now.milliseconds),
        ]
    }

    static func record(_ row: Row) -> UsageRecord {
        UsageRecord(
            usageID: row.string("id"), userID: row.string("user_id"), usageType: row.string("usage_type"),
            creditsUsed: row.int("credits_used"), productCount: row.int("product_count"), languageCode: row.optionalString("language_code"),
            category: row.optionalString("category"), tokensUsed: row.optionalInt("tokens_used"),
            responseTimeMs: row.optionalInt("response_time_ms"),
            costUSD: row.optionalInt("cost_usd").map { Money(minorUnits: $0, scale: Money.costScale) },
            requestID: row.optionalString("request_id"), batchID: row.optionalString("batch_id"),
            endpointUsed: row.optionalString("endpoint_used"),
            metadata: (try? JSONParser.parse(row.string("metadata"))) ?? .object(JSONObject()),
            createdAt: Timestamp(milliseconds: row.int("created_at")))
    }

    static func json(_ row: Row) -> JSONValue { record(row).wire }

    /// `usage.list`: newest first, paged by (created_at, id).
    static func list(_ db: Connection, user: String, from: Timestamp?, to: Timestamp?, limit: Int64, cursor: String?) throws -> UsagePage {
        let position = try Cursor.decode(cursor)
        let rows = try db.query("""
            SELECT * FROM usage_logs
            WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND (created_at < ?4 OR (created_at = ?4 AND id < ?5))
            ORDER BY created_at DESC, id DESC LIMIT ?6
            """,
            [.text(user), .integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max),
             .integer(position?.time ?? Int64.max), .text(position?.id ?? "\u{10FFFF}"), .integer(limit + 1)])
        let page = rows.prefix(Int(limit))
        return UsagePage(usage: page.map(record), nextCursor: rows.count > Int(limit) ? Cursor.position(of: page.last!) : nil)
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
