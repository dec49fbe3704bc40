/// `system.clock.set`: test clock only; sets the time (never backwards) and runs what became due.
public enum SystemClockSet: BillingMethod {
    public typealias Result = ClockMove

    public struct Parameters: MethodParameters, Equatable {
        public var now: Timestamp
        public var idempotencyKey: String?

        public init(now: Timestamp, idempotencyKey: String? = nil) {
            self.now = now
            self.idempotencyKey = idempotencyKey
        }

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

    public static let descriptor = MethodDescriptor(
        "system.clock.set", "Test clock only: sets the time (never backwards) and runs everything that became due.",
        access: .write, params: [.required("now", .timestamp, "The new time; not before the current one.")],
        result: ClockMove.fields, errors: ["unavailable", "invalid_params"])
}
