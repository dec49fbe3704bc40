/// The answer of `system.clock`: the daemon's time and whether it is the test clock.
public struct ClockReading: Sendable, Equatable {
    public let now: Timestamp
    public let testClock: Bool

    public init(now: Timestamp, testClock: Bool) {
        self.now = now
        self.testClock = testClock
    }
}
