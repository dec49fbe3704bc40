/// The one list of methods. `system.methods` serves it and `billingd catalog` writes it to
/// `Protocol/methods.json`; a test fails when that file and this list disagree.
public enum MethodCatalog {
    public static let all: [MethodDescriptor] = system + plans + subscriptions + credits + payments + usage + ratelimit + entitlements + packs + webhooks
        + audit + analytics

    public static let byName: [String: MethodDescriptor] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The catalog as `Protocol/methods.json` holds it.
    public static var json: JSONValue {
        .object([
            "contract_version": 1,
            "methods": .array(all.map(\.json)),
            "errors": .array(RPCErrorCode.all.map { .object(["code": .int($0.code), "type": .string($0.type), "message": .string($0.defaultMessage)]) }),
        ])
    }
}

extension ParamType {
    /// Credits in grant/consume/reserve: whole, at least 1.
    public static let credits = ParamType.integer(min: 1, max: Int64.max)
    /// `limit` of list methods.
    public static let listLimit = ParamType.integer(min: 1, max: 1000)
}

extension ParamSpec {
    static let limit = ParamSpec.optional("limit", .listLimit, "Page size, default 50, at most 1000.")
    static let cursor = ParamSpec.optional("cursor", .text(maxBytes: 512), "The `next_cursor` of the previous page.")
    static let metadata = ParamSpec.optional("metadata", .object, "Any JSON object, stored and returned as given.")
}
