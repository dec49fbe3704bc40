/// The answer of `subscriptions.list`: subscriptions newest first, and the cursor of the next page.
public struct SubscriptionPage: MethodResult, Equatable {
    public let subscriptions: [Subscription]
    public let nextCursor: String?

    public init(subscriptions: [Subscription], nextCursor: String?) {
        self.subscriptions = subscriptions
        self.nextCursor = nextCursor
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var subscriptions: [Subscription] = []
        for item in try WireField.array(json["subscriptions"], "subscriptions") { subscriptions.append(try Subscription(wire: item)) }
        self.subscriptions = subscriptions
        nextCursor = try WireField.optionalString(json["next_cursor"], "next_cursor")
    }

    public var wire: JSONValue {
        .object(["subscriptions": .array(subscriptions.map(\.wire)), "next_cursor": WireField.wire(nextCursor)])
    }
}
