import BillingProtocol

/// The Swift bucketing of each granularity. Its labels are the ones the store's SQL expression
/// (`Granularity.sql` in BillingStore) gives rows, so rows from the store and series built here
/// line up.
extension Granularity {
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
