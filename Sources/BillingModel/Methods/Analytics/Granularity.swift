/// The time buckets of the analytics methods, in UTC: a day (`2026-01-31`), an ISO week named
/// by its Monday (`2026-01-26`), or a month (`2026-01`).
public enum Granularity: String, Sendable, CaseIterable {
    case day, week, month
}
