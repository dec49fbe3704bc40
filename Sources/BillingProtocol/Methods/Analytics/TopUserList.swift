/// The answer of `analytics.top_users`: the heaviest users of a range, each with its totals.
public struct TopUserList: MethodResult, Equatable {
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

    public init(wire json: JSONValue) throws(RPCError) {
        var users: [User] = []
        for u in try WireField.array(json["users"], "users") {
            users.append(User(userID: try WireField.string(u["user_id"], "user_id"), requests: try WireField.int(u["requests"], "requests"),
                              creditsUsed: try WireField.wide(u["credits_used"], "credits_used"),
                              costMicroUSD: try WireField.wideMoney(u["cost_usd"], scale: Money.costScale, "cost_usd")))
        }
        self.init(users: users)
    }

    public var wire: JSONValue {
        .object(["users": .array(users.map {
            .object(["user_id": .string($0.userID), "requests": .int($0.requests), "credits_used": WireField.wire(wide: $0.creditsUsed),
                     "cost_usd": .string(Money.text(minorUnits: $0.costMicroUSD, scale: Money.costScale))])
        })])
    }
}
