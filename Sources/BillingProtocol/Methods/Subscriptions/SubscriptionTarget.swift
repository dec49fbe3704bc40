/// The parameters of a change that names one subscription and nothing else (pause, resume, renew).
public struct SubscriptionTarget: MethodParameters, Equatable {
    public var subscriptionID: String
    public var idempotencyKey: String?

    public init(subscriptionID: String, idempotencyKey: String? = nil) {
        self.subscriptionID = subscriptionID
        self.idempotencyKey = idempotencyKey
    }

    public init(validated p: Params) {
        self.init(subscriptionID: p.requiredString("subscription_id"), idempotencyKey: p.string("idempotency_key"))
    }

    public var wire: JSONObject {
        var object: JSONObject = ["subscription_id": .string(subscriptionID)]
        object["idempotency_key"] = idempotencyKey.map { .string($0) }
        return object
    }
}
