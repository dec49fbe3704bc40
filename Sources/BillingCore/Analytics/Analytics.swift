import BillingProtocol

/// Read-only reports for the people who run the business (issue 14): revenue and MRR,
/// subscriptions, credit flows, top users, usage with response-time percentiles, webhook
/// outcomes. Each runs on a reader connection: the domain validates the range and computes MRR,
/// the store's `AnalyticsQueries` does the range scans.
///
/// Money stays exact and no total can overflow: the store sums by `wide_sum` (128 bits) and the
/// few sums made here are in `Int128`; a total past 2^63−1 is still answered exactly.
public enum Analytics {
    /// At most this many time buckets per report (ten years by day).
    static let maxBuckets = 3700

    /// A validated report range [from, to).
    public struct Range: Sendable {
        public let from: Timestamp
        public let to: Timestamp

        public init(from: Timestamp, to: Timestamp) throws(BillingError) {
            guard from < to else { throw BillingError.invalidParams(field: "to", "'to' must be after 'from'") }
            self.from = from
            self.to = to
        }

        func buckets(_ granularity: Granularity) throws(BillingError) -> [(label: String, from: Timestamp, to: Timestamp)] {
            let days = (to.milliseconds - from.milliseconds) / 86_400_000
            let estimate = granularity == .day ? days : granularity == .week ? days / 7 : days / 28
            guard estimate <= Int64(maxBuckets) else {
                throw BillingError.invalidParams(field: "group_by", "more than \(maxBuckets) \(granularity.rawValue)s in the range; use a longer group_by")
            }
            return granularity.buckets(from: from, to: to)
        }
    }
}
