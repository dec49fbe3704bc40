/// `system.clock.advance`: test clock only; moves time forward and runs what became due.
public enum SystemClockAdvance: Command {
    public typealias Result = ClockMove
    public static let name = "system.clock.advance"
    public static let access = MethodAccess.write

    public struct Parameters: Sendable, Equatable {
        public var milliseconds: Int64
        public var idempotencyKey: String?

        public init(milliseconds: Int64, idempotencyKey: String? = nil) {
            self.milliseconds = milliseconds
            self.idempotencyKey = idempotencyKey
        }
    }
}
