/// The answer of `analytics.top_users`: the heaviest users of a range, each with its totals.
public struct TopUserList: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public let userID: String
        public let requests: Int64
        public let creditsUsed: Int128
        public let costMicroUSD: Int128

        public init(userID: String, requests: Int64, creditsUsed: Int128, costMicroUSD: Int128) {
            self.userID = userID
            self.requests = requests
            self.creditsUsed = creditsUsed
            self.costMicroUSD = costMicroUSD
        }
    }

    public let users: [User]

    public init(users: [User]) { self.users = users }
}
