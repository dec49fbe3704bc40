/// `ratelimit.check`: takes `cost` tokens from the user's plan limits when allowed.
public enum RateLimitCheck: Command {
    public typealias Result = RateLimitDecision
    public static let name = "ratelimit.check"
    public static let access = MethodAccess.read

    public struct Parameters: Sendable, Equatable {
        public var userID: String
        public var cost: Int64

        public init(userID: String, cost: Int64 = 1) {
            self.userID = userID
            self.cost = cost
        }
    }
}
