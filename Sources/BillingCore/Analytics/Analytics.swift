import BillingProtocol
import BillingStore

/// Read-only reports for the people who run the business (issue 14): revenue and MRR,
/// subscriptions, credit flows, top users, usage with response-time percentiles, webhook
/// outcomes. Each runs on a reader connection as range scans over indexed time columns.
///
/// Money stays exact: amounts are summed as integers by SQLite, whose `sum()` raises "integer
/// overflow" instead of wrapping (reported here as a typed error, never a crash); the few sums
/// made in Swift use `addingReportingOverflow`. `total()` and `avg()` (floating point) are never used.
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

        var values: [SQLValue] { [.integer(from.milliseconds), .integer(to.milliseconds)] }

        func buckets(_ granularity: Granularity) throws(BillingError) -> [(label: String, from: Timestamp, to: Timestamp)] {
            let days = (to.milliseconds - from.milliseconds) / 86_400_000
            let estimate = granularity == .day ? days : granularity == .week ? days / 7 : days / 28
            guard estimate <= Int64(maxBuckets) else {
                throw BillingError.invalidParams(field: "group_by", "more than \(maxBuckets) \(granularity.rawValue)s in the range; use a longer group_by")
            }
            return granularity.buckets(from: from, to: to)
        }
    }

    static func overflow(_ what: String) -> BillingError {
        BillingError(.invalidState, "\(what) exceeds a 64-bit integer; narrow the range", details: ["state": "overflow"])
    }

    /// Runs a report query; SQLite's checked integer `sum()` failing becomes a typed error.
    static func query(_ db: Connection, _ sql: String, _ values: [SQLValue]) throws -> [Row] {
        do {
            return try db.query(sql, values)
        } catch let error where error.message.contains("integer overflow") {
            throw overflow("a total")
        }
    }

    /// Adds two non-negative totals, or throws the typed overflow error.
    static func add(_ a: Int64, _ b: Int64, _ what: String) throws(BillingError) -> Int64 {
        let (sum, overflowed) = a.addingReportingOverflow(b)
        guard !overflowed else { throw overflow(what) }
        return sum
    }

    static func cents(_ minor: Int64) -> JSONValue { .string(Money(minorUnits: minor, scale: Money.priceScale).description) }
    static func microDollars(_ minor: Int64) -> JSONValue { .string(Money(minorUnits: minor, scale: Money.costScale).description) }
}
