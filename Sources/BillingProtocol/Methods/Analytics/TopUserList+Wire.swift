/// `TopUserList` on the wire: its JSON both ways.
extension TopUserList: MethodResult {
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
