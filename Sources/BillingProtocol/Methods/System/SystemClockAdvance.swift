/// `system.clock.advance`: test clock only; moves time forward and runs what became due.
public enum SystemClockAdvance: BillingMethod {
    public typealias Result = ClockMove

    public struct Parameters: MethodParameters, Equatable {
        public var milliseconds: Int64
        public var idempotencyKey: String?

        public init(milliseconds: Int64, idempotencyKey: String? = nil) {
            self.milliseconds = milliseconds
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) { self.init(milliseconds: p.requiredInt("ms"), idempotencyKey: p.string("idempotency_key")) }

        public var wire: JSONObject {
            var object: JSONObject = ["ms": .int(milliseconds)]
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "system.clock.advance", "Test clock only: moves time forward and runs everything that became due.", access: .write,
        params: [.required("ms", .integer(min: 0, max: 100 * 365 * 86_400_000), "Milliseconds to move forward.")],
        result: ClockMove.fields, errors: ["unavailable", "invalid_params"])
}
