import BillingProtocol

/// The SQL side of a time bucket. Its labels match the Swift bucketing of the same granularity
/// (BillingCore's `Granularity+Buckets.swift`), so rows from the store and series built in the
/// domain line up.
extension Granularity {
    /// The label of the bucket holding `column` (milliseconds since the epoch), in SQL: date
    /// functions are the one part of SQL each store spells its own way.
    public func sql(_ column: String, _ dialect: SQLDialect) -> String {
        switch (self, dialect) {
        case (.day, .sqlite): "strftime('%Y-%m-%d', \(column) / 1000, 'unixepoch')"
        case (.week, .sqlite): "date(\(column) / 1000, 'unixepoch', 'weekday 0', '-6 days')"
        case (.month, .sqlite): "strftime('%Y-%m', \(column) / 1000, 'unixepoch')"
        case (.day, .postgresql): "to_char(to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        case (.week, .postgresql): "to_char(date_trunc('week', to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
        case (.month, .postgresql): "to_char(to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM')"
        }
    }
}
