/// `analytics.top_users`: the users with the most credits used (or cost) in a range.
public enum AnalyticsTopUsers: Command {
    public typealias Result = TopUserList
    public static let name = "analytics.top_users"
    public static let access = MethodAccess.read

    /// How `analytics.top_users` orders users.
    public enum Order: String, Sendable, CaseIterable {
        case creditsUsed = "credits_used", costUSD = "cost_usd"
    }

    public struct Parameters: Sendable, Equatable {
        public var from: Timestamp
        public var to: Timestamp
        public var by: Order
        public var limit: Int64

        public init(from: Timestamp, to: Timestamp, by: Order = .creditsUsed, limit: Int64 = 10) {
            self.from = from
            self.to = to
            self.by = by
            self.limit = limit
        }
    }
}
