/// `system.clock.advance` on the wire: its catalog entry and its params' JSON.
extension SystemClockAdvance: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Test clock only: moves time forward and runs everything that became due.",
        params: [.required("ms", .integer(min: 0, max: 100 * 365 * 86_400_000), "Milliseconds to move forward.")],
        result: ClockMove.fields, errors: ["unavailable", "invalid_params"])
}

extension SystemClockAdvance.Parameters: MethodParameters {
    public init(validated p: Params) { self.init(milliseconds: p.requiredInt("ms"), idempotencyKey: p.string("idempotency_key")) }

    public var wire: JSONObject {
        var object: JSONObject = ["ms": .int(milliseconds)]
        object["idempotency_key"] = idempotencyKey.map { .string($0) }
        return object
    }
}
