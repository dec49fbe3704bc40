/// `system.clock.set`: test clock only; sets the time (never backwards) and runs what became due.
public enum SystemClockSet: Command {
    public typealias Result = ClockMove
    public static let name = "system.clock.set"
    public static let access = MethodAccess.write

    public struct Parameters: Sendable, Equatable {
        public var now: Timestamp
        public var idempotencyKey: String?

        public init(now: Timestamp, idempotencyKey: String? = nil) {
            self.now = now
            self.idempotencyKey = idempotencyKey
        }
    }
}
