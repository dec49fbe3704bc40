import BillingProtocol
import BillingStore

/// `usage_logs`: one row per consume or committed reservation, for billing and analytics.
enum UsageLog {
    static func insert(_ db: Connection, id: String, user: String, credits: Int64, _ usage: UsageFields, now: Timestamp) throws {
        try db.run("""
            INSERT INTO usage_logs (id, user_id, usage_type, credits_used, product_count, language_code, category, tokens_used,
                response_time_ms, cost_usd, request_id, batch_id, endpoint_used, user_credits_id, metadata, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .text(user), .text(usage.usageType ?? "ai_generation"), .integer(credits),
                .integer(usage.productCount ?? 1), .optional(usage.languageCode), .optional(usage.category),
                .optional(usage.tokensUsed), .optional(usage.responseTimeMs), .optional(usage.costUSD?.minorUnits),
                .optional(usage.requestID), .optional(usage.batchID), .optional(usage.endpointUsed),
                .text(user), .text(usage.metadata.map { JSONValue.object($0).serialized() } ?? "{}"), .integer(now.milliseconds),
            ])
    }

    static func json(_ row: Row) -> JSONValue {
        func text(_ name: String) -> JSONValue { row.optionalString(name).map { .string($0) } ?? .null }
        func int(_ name: String) -> JSONValue { row.optionalInt(name).map { .int($0) } ?? .null }
        return .object([
            "id": .string(row.string("id")), "usage_id": .string(row.string("id")), "user_id": .string(row.string("user_id")),
            "usage_type": .string(row.string("usage_type")), "credits_used": .int(row.int("credits_used")),
            "product_count": .int(row.int("product_count")), "language_code": text("language_code"), "category": text("category"),
            "tokens_used": int("tokens_used"), "response_time_ms": int("response_time_ms"),
            "cost_usd": row.optionalInt("cost_usd").map { .string(Money(minorUnits: $0, scale: Money.costScale).description) } ?? .null,
            "request_id": text("request_id"), "batch_id": text("batch_id"), "endpoint_used": text("endpoint_used"),
            "metadata": (try? JSONParser.parse(row.string("metadata"))) ?? .object(JSONObject()),
            "created_at": .string(Timestamp(milliseconds: row.int("created_at")).rfc3339),
        ])
    }

    /// `usage.list`: newest first, paged by (created_at, id).
    static func list(_ db: Connection, user: String, from: Timestamp?, to: Timestamp?, limit: Int64, cursor: String?) throws -> JSONValue {
        let position = try Cursor.decode(cursor)
        let rows = try db.query("""
            SELECT * FROM usage_logs
            WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND (created_at < ?4 OR (created_at = ?4 AND id < ?5))
            ORDER BY created_at DESC, id DESC LIMIT ?6
            """,
            [.text(user), .integer(from?.milliseconds ?? Int64.min), .integer(to?.milliseconds ?? Int64.max),
             .integer(position?.time ?? Int64.max), .text(position?.id ?? "\u{10FFFF}"), .integer(limit + 1)])
        return Cursor.page(rows, limit: limit, key: "usage", map: json)
    }

    static let groupings: [String: String] = [
        "day": "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')",
        "usage_type": "usage_type", "category": "category", "language_code": "language_code", "endpoint_used": "endpoint_used",
    ]

    /// `usage.summary`: totals per group over [from, to). Sums are `wide_sum` (exact in 128 bits):
    /// one user's huge `tokens_used` or `cost_usd` never makes the summary fail for everyone, and a
    /// total past 64 bits is still written as its exact JSON integer (or decimal string for money).
    static func summary(_ db: Connection, user: String?, from: Timestamp, to: Timestamp, groupBy: String) throws -> JSONValue {
        guard let expression = groupings[groupBy] else { throw BillingError.invalidParams(field: "group_by", "unknown group_by") }
        let rows = try db.query("""
            SELECT \(expression) AS key, count(*) AS requests, wide_sum(credits_used) AS credits_used,
                   wide_sum(product_count) AS product_count, wide_sum(tokens_used) AS tokens_used, wide_sum(cost_usd) AS cost_usd,
                   wide_sum(response_time_ms) AS response_total, count(response_time_ms) AS response_count
            FROM usage_logs WHERE (?1 IS NULL OR user_id = ?1) AND created_at >= ?2 AND created_at < ?3
            GROUP BY key ORDER BY key
            """, [.optional(user), .integer(from.milliseconds), .integer(to.milliseconds)])
        return .object(["rows": .array(rows.map { row in
            let count = row.int("response_count")
            return .object([
                "key": row.optionalString("key").map { .string($0) } ?? .null,
                "requests": .int(row.int("requests")), "credits_used": .number(String(row.wide("credits_used"))),
                "product_count": .number(String(row.wide("product_count"))), "tokens_used": .number(String(row.wide("tokens_used"))),
                "cost_usd": .string(Money.text(minorUnits: row.wide("cost_usd"), scale: Money.costScale)),
                "avg_response_time_ms": count > 0 ? .number(String(row.wide("response_total") / Int128(count))) : .null,
            ])
        })])
    }
}
