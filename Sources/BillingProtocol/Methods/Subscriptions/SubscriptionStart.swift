/// The answer of `subscriptions.create`: the new subscription and the balance its first period left.
public struct SubscriptionStart: MethodResult, Equatable {
    public let subscription: Subscription
    public let credits: CreditBalance

    public init(subscription: Subscription, credits: CreditBalance) {
        self.subscription = subscription
        self.credits = credits
    }

    public init(wire json: JSONValue) throws(RPCError) {
        subscription = try Subscription(wire: .object(try WireField.object(json["subscription"], "subscription")))
        credits = try CreditBalance(wire: .object(try WireField.object(json["credits"], "credits")))
    }

    public var wire: JSONValue { .object(["subscription": subscription.wire, "credits": credits.wire]) }
}
