import BillingProtocol

extension AnalyticsQueries {
    /// `analytics.credits`: per period, credits granted, used, expired and revoked. Used comes
    /// from the usage rows (what `total_credits_used` counts); the rest from the ledger.
    public func credits(from: Timestamp, to: Timestamp, groupBy: Granularity) throws -> CreditFlowReport {
        let range = Self.values(from, to)
        var periods: [String: CreditFlowReport.Period] = [:]
        func entry(_ period: String) -> CreditFlowReport.Period { periods[period] ?? CreditFlowReport.Period(period: period) }
        // The `kind IN (…)` term matches idx_credit_ledger_flow's WHERE, so SQLite uses that partial index.
        for row in try db.query("""
            SELECT \(groupBy.sql("created_at", db.dialect)) AS period, kind, wide_sum(delta) AS delta FROM credit_ledger
            WHERE kind IN ('grant', 'expire', 'revoke') AND created_at >= ?1 AND created_at < ?2 GROUP BY period, kind
            """, range) {
            var e = entry(row.string("period"))
            switch row.string("kind") {
            case "grant": e.granted = row.wide("delta")
            case "expire": e.expired = -row.wide("delta")
            default: e.revoked = -row.wide("delta")
            }
            periods[e.period] = e
        }
        for row in try db.query("""
            SELECT \(groupBy.sql("created_at", db.dialect)) AS period, wide_sum(credits_used) AS used FROM usage_logs
            WHERE created_at >= ?1 AND created_at < ?2 GROUP BY period
            """, range) {
            var e = entry(row.string("period"))
            e.used = row.wide("used")
            periods[e.period] = e
        }
        return CreditFlowReport(periods: periods.values.sorted { $0.period < $1.period })
    }
}
