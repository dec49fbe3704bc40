import BillingCore
import BillingProtocol

/// The read-only report queries behind the analytics methods (issue 14), on one reader session:
/// range scans over indexed time columns, grouped in SQL. The domain validates the range and the
/// number of buckets first; these take the plain values and return the report's typed rows.
///
/// Money stays exact and no total can overflow: amounts are summed by `wide_sum` (SQLite, 128
/// bits, see `Protocol/README.md` 5.2) and read back as `Int128`. `total()` and `avg()` (floating
/// point) are never used.
public struct AnalyticsQueries: AnalyticsRecords {
    let db: any Connection

    /// The parameters `?1` and `?2` of every report: the range [from, to) in milliseconds.
    static func values(_ from: Timestamp, _ to: Timestamp) -> [SQLValue] { [.integer(from.milliseconds), .integer(to.milliseconds)] }
}
