import BillingProtocol

extension AnalyticsQueries {
    /// The column of each `analytics.usage` dimension on `dialect`. `model` is `metadata.model`,
    /// where the generator records which model wrote the description (PostgreSQL reads JSON
    /// with its own operator).
    static func column(_ dimension: AnalyticsUsage.Dimension, _ dialect: SQLDialect) -> String {
        switch dimension {
        case .usageType: "usage_type"
        case .model: dialect == .postgresql ? "(metadata::json ->> 'model')" : "json_extract(metadata, '$.model')"
        case .endpointUsed: "endpoint_used"
        case .category: "category"
        case .languageCode: "language_code"
        }
    }

    /// `analytics.usage`: usage per generation type (or model, endpoint, category, language) with
    /// exact response-time percentiles, of every user or of `user`.
    public func usage(from: Timestamp, to: Timestamp, groupBy: AnalyticsUsage.Dimension, user: String?) throws -> UsageReport {
        let key = Self.column(groupBy, db.dialect)
        // Only a given user filters: PostgreSQL cannot type a parameter that only meets IS NULL.
        let userFilter = user == nil ? "" : " AND user_id = ?3"
        let values = Self.values(from, to) + (user.map { [SQLValue.text($0)] } ?? [])
        var groups = try db.query("""
            SELECT \(key) AS key, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(tokens_used) AS tokens_used,
                   wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at >= ?1 AND created_at < ?2 \(userFilter) GROUP BY key ORDER BY key NULLS FIRST
            """, values).map {
            UsageReport.Group(key: $0.optionalString("key"), requests: $0.int("requests"), creditsUsed: $0.wide("credits_used"),
                        tokensUsed: $0.wide("tokens_used"), costMicroUSD: $0.wide("cost_usd"))
        }
        // Ranks are integers: ⌈p·n/100⌉ = (p·n + 99) / 100. Only the ranked rows leave SQLite.
        let ranked = try db.query("""
            WITH r AS (
                SELECT \(key) AS key, response_time_ms AS v,
                       row_number() OVER (PARTITION BY \(key) ORDER BY response_time_ms) AS rn,
                       count(*) OVER (PARTITION BY \(key)) AS n
                FROM usage_logs
                WHERE created_at >= ?1 AND created_at < ?2 \(userFilter) AND response_time_ms IS NOT NULL)
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
        return UsageReport(groups: groups)
    }

    /// `analytics.top_users`: the heaviest users of a range. The order's raw value is its column.
    public func topUsers(from: Timestamp, to: Timestamp, by order: AnalyticsTopUsers.Order, limit: Int64) throws -> TopUserList {
        TopUserList(users: try db.query("""
            SELECT user_id, count(*) AS requests, wide_sum(credits_used) AS credits_used, wide_sum(cost_usd) AS cost_usd
            FROM usage_logs WHERE created_at >= ?1 AND created_at < ?2 GROUP BY user_id ORDER BY \(order.rawValue) DESC, user_id LIMIT ?3
            """, Self.values(from, to) + [.integer(limit)]).map {
            TopUserList.User(userID: $0.string("user_id"), requests: $0.int("requests"), creditsUsed: $0.wide("credits_used"),
                             costMicroUSD: $0.wide("cost_usd"))
        })
    }
}
