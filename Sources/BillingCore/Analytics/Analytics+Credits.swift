import BillingProtocol

extension Analytics {
    /// `analytics.credits`: per period, credits granted, used, expired and revoked.
    static func credits(_ db: StoreSession, _ range: Range, groupBy: Granularity) throws -> CreditFlowReport {
        _ = try range.buckets(groupBy)
        return try db.analytics.credits(from: range.from, to: range.to, groupBy: groupBy)
    }
}
