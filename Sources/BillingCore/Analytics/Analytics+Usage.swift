import BillingProtocol
import BillingStore

extension Analytics {
    /// `analytics.usage`: usage per generation type (or model, endpoint, category, language) with
    /// exact response-time percentiles; `analytics.top_users`: the heaviest users of a range.
    public struct Usage: Sendable, Equatable {
        /// Nearest-rank percentiles (the value at rank ⌈p·n/100⌉ of the sorted times): always a
        /// time that really occurred, computed from every row, never interpolated.
        public struct Percentiles: Sendable, Equatable {
            public var count: Int64 = 0
            public var p50: Int64?
            public var p90: Int64?
            public var p95: Int64?
            public var p99: Int64?
            public var max: Int64?

            var json: JSONValue {
                func value(_ v: Int64?) -> JSONValue { v.map { .int($0) } ?? .null }
                return .object(["count": .int(count), "p50": value(p50), "p90": value(p90), "p95": value(p95), "p99": value(p99), "max": value(max)])
            }
        }

        public struct Group: Sendable, Equatable {
            public let key: String?
            public let requests: Int64
            public let creditsUsed: Int128
            public let tokensUsed: Int128
            public let costMicroUSD: Int128
            public var responseTimeMs = Percentiles()
        }

        public let groups: [Group]

        public var json: JSONValue {
            .object(["rows": .array(groups.map {
                .object(["key": $0.key.map { .string($0) } ?? .null, "requests": .int($0.requests), "credits_used": count($0.creditsUsed),
                         "tokens_used": count($0.tokensUsed), "cost_usd": microDollars($0.costMicroUSD),
                         "response_time_ms": $0.responseTimeMs.json])
            })])
        }
    }

    /// The `group_by` values of `analytics.usage` and their columns. `model` is `metadata.model`,
    /// where the generator records which model wrote the description.
    public static let usageGroupings: [String: String] = [
        "usage_type": "usage_type", "model": "json_extract(metadata, '$.model')", "endpoint_used": "endpoint_used",
        "category": "category", "language_code": "language_code",
    ]

    /// A grouping's column on `dialect`: PostgreSQL reads JSON with its own operator.
    static func usageGrouping(_ groupBy: String, _ dialect: SQLDialect) -> String? {
        groupBy == "model" && dialect == .postgresql ? "(metadata::json ->> 'model')" : usageGroupings[groupBy]
    }

    public static func usage(_ db: Connection, _ range: Range, groupBy: String, user: String?) throws -> Usage {
        guard let key = usageGrouping(groupBy, db.dialect) else { throw BillingError.invalidParams(field: "group_by", "unknown group_by") }
        let values = range.values + [.optional(user)]
        var groups = try query(db, """
            SELECT \(key) AS key, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(tokens_used) AS tokens_used,
                   wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at >= ?1 AND created_at < ?2 AND (?3 IS NULL OR user_id = ?3) GROUP BY key ORDER BY key
            """, values).map {
            Usage.Group(key: $0.optionalString("key"), requests: $0.int("requests"), creditsUsed: $0.wide("credits_used"),
                        tokensUsed: $0.wide("tokens_used"), costMicroUSD: $0.wide("cost_usd"))
        }
        // Ranks are integers: ⌈p·n/100⌉ = (p·n + 99) / 100. Only the ranked rows leave SQLite.
        let ranked = try query(db, """
            WITH r AS (
                SELECT \(key) AS key, response_time_ms AS v,
                       row_number() OVER (PARTITION BY \(key) ORDER BY response_time_ms) AS rn,
                       count(*) OVER (PARTITION BY \(key)) AS n
                FROM usage_logs
                WHERE created_at >= ?1 AND created_at < ?2 AND (?3 IS NULL OR user_id = ?3) AND response_time_ms IS NOT NULL)
            SELECT key, v, rn, n FROM r WHERE rn IN ((50 * n + 99) / 100, (90 * n + 99) / 100, (95 * n + 99) / 100, (99 * n + 99) / 100, n)
            """, values)
        for row in ranked {
            guard let index = groups.firstIndex(where: { $0.key == row.optionalString("key") }) else { continue }
            let n = row.int("n"), rank = row.int("rn"), value = row.int("v")
            var p = groups[index].responseTimeMs
            p.count = n
            if rank == (50 * n + 99) / 100 { p.p50 = value }
            if rank == (90 * n + 99) / 100 { p.p90 = value }
            if rank == (95 * n + 99) / 100 { p.p95 = value }
            if rank == (99 * n + 99) / 100 { p.p99 = value }
            if rank == n { p.max = value }
            groups[index].responseTimeMs = p
        }
        return Usage(groups: groups)
    }

    /// `analytics.top_users`: one user's totals over the range.
    public struct TopUser: Sendable, Equatable {
        public let userID: String
        public let requests: Int64
        public let creditsUsed: Int128
        public let costMicroUSD: Int128

        public var json: JSONValue {
            .object(["user_id": .string(userID), "requests": .int(requests), "credits_used": count(creditsUsed),
                     "cost_usd": microDollars(costMicroUSD)])
        }
    }

    /// The `by` values of `analytics.top_users`.
    public static let topUserOrders: [String: String] = ["credits_used": "credits_used", "cost_usd": "cost_usd"]

    public static func topUsers(_ db: Connection, _ range: Range, by: String, limit: Int64) throws -> [TopUser] {
        guard let order = topUserOrders[by] else { throw BillingError.invalidParams(field: "by", "unknown by") }
        return try query(db, """
            SELECT user_id, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at >= ?1 AND created_at < ?2 GROUP BY user_id ORDER BY \(order) DESC, user_id LIMIT ?3
            """, range.values + [.integer(limit)]).map {
            TopUser(userID: $0.string("user_id"), requests: $0.int("requests"), creditsUsed: $0.wide("credits_used"),
                    costMicroUSD: $0.wide("cost_usd"))
        }
    }
}
