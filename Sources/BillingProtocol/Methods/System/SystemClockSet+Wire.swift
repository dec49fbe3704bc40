/// `system.clock.set` on the wire: its catalog entry and its params' JSON.
extension SystemClockSet: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Test clock only: sets the time (never backwards) and runs everything that became due.",
        params: [.required("now", .timestamp, "The new time; not before the current one.")],
        result: ClockMove.fields, errors: ["unavailable", "invalid_params"])
}

extension SystemClockSet.Parameters: MethodParameters {
    public init(validated p: Params) throws(RPCError) {
        guard let now = p.time("now") else { throw RPCError.invalidParams(field: "now", "'now' is required") }
        self.init(now: now, idempotencyKey: p.string("idempotency_key"))
    }

    public var wire: JSONObject {
        var object: JSONObject = ["now": .string(now.rfc3339)]
        object["idempotency_key"] = idempotencyKey.map { .string($0) }
        return object
    }
}
