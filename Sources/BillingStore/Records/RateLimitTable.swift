import BillingCore

/// `RateLimitRecords` in SQL, on one store session.
public struct RateLimitTable: RateLimitRecords {
    let db: any Connection

    public func lockedWindows(_ user: String) throws -> RateWindows? {
        try db.queryOne("""
            SELECT minute_window, minute_count, hour_window, hour_count, day_window, day_count
            FROM rate_limit_counters WHERE user_id = ? FOR UPDATE
            """, [.text(user)]).map {
            RateWindows(minuteWindow: $0.int("minute_window"), minuteCount: $0.int("minute_count"), hourWindow: $0.int("hour_window"),
                        hourCount: $0.int("hour_count"), dayWindow: $0.int("day_window"), dayCount: $0.int("day_count"))
        }
    }

    public func save(_ user: String, _ w: RateWindows) throws {
        try db.run("""
            INSERT INTO rate_limit_counters (user_id, minute_window, minute_count, hour_window, hour_count, day_window, day_count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET minute_window = excluded.minute_window, minute_count = excluded.minute_count,
                hour_window = excluded.hour_window, hour_count = excluded.hour_count,
                day_window = excluded.day_window, day_count = excluded.day_count
            """, [.text(user), .integer(w.minuteWindow), .integer(w.minuteCount), .integer(w.hourWindow), .integer(w.hourCount),
                  .integer(w.dayWindow), .integer(w.dayCount)])
    }
}
