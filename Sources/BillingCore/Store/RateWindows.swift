/// One user's rate-limit windows as a shared store keeps them (`rate_limit_counters`): the start
/// of each fixed window and what it has counted.
public struct RateWindows: Sendable, Equatable {
    public var minuteWindow: Int64
    public var minuteCount: Int64
    public var hourWindow: Int64
    public var hourCount: Int64
    public var dayWindow: Int64
    public var dayCount: Int64

    public init(minuteWindow: Int64, minuteCount: Int64, hourWindow: Int64, hourCount: Int64, dayWindow: Int64, dayCount: Int64) {
        self.minuteWindow = minuteWindow
        self.minuteCount = minuteCount
        self.hourWindow = hourWindow
        self.hourCount = hourCount
        self.dayWindow = dayWindow
        self.dayCount = dayCount
    }
}
