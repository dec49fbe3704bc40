import BillingProtocol
import BillingStore

/// The SQL expression and the Swift bucketing of each granularity produce the same labels, so
/// rows from SQLite and series built here line up.
extension Granularity {
    /// The label of the bucket holding `column` (milliseconds since the epoch), in SQL: date
    /// functions are the one part of SQL each store spells its own way.
    func sql(_ column: String, _ dialect: SQLDialect) -> String {
        switch (self, dialect) {
        case (.day, .sqlite): "strftime('%Y-%m-%d', \(column) / 1000, 'unixepoch')"
        case (.week, .sqlite): "date(\(column) / 1000, 'unixepoch', 'weekday 0', '-6 days')"
        case (.month, .sqlite): "strftime('%Y-%m', \(column) / 1000, 'unixepoch')"
        case (.day, .postgresql): "to_char(to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        case (.week, .postgresql): "to_char(date_trunc('week', to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
        case (.month, .postgresql): "to_char(to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM')"
        }
    }

    /// The start of the bucket holding `time`.
    func start(of time: Timestamp) -> Timestamp {
        let day = Timestamp(rfc3339: String(time.rfc3339.prefix(10)) + "T00:00:00Z")!
        switch self {
        case .day: return day
        case .week:
            let days = day.milliseconds / 86_400_000
            let sinceMonday = ((days + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
            return day.adding(milliseconds: -sinceMonday * 86_400_000)
        case .month: return Timestamp(rfc3339: String(time.rfc3339.prefix(7)) + "-01T00:00:00Z")!
        }
    }

    func label(_ start: Timestamp) -> String { String(start.rfc3339.prefix(self == .month ? 7 : 10)) }

    func next(_ start: Timestamp) -> Timestamp {
        switch self {
        case .day: start.adding(.day)
        case .week: start.adding(.week)
        case .month: start.adding(.month)
        }
    }

    /// The buckets overlapping [from, to) with the part of each inside the range, oldest first.
    func buckets(from: Timestamp, to: Timestamp) -> [(label: String, from: Timestamp, to: Timestamp)] {
        var out: [(String, Timestamp, Timestamp)] = []
        var start = start(of: from)
        while start < to {
            let end = next(start)
            out.append((label(start), max(start, from), min(end, to)))
            start = end
        }
        return out
    }
}
