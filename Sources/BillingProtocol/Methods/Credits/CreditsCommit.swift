/// `credits.commit`: spends up to the held amount, logs one usage row, gives the rest back.
public enum CreditsCommit: BillingMethod {
    public typealias Result = Commitment

    public struct Parameters: MethodParameters, Equatable {
        public var reservationID: String
        /// At most the held amount; nil spends all of it.
        public var amount: Int64?
        public var usage: UsageFields
        public var idempotencyKey: String?

        public init(reservationID: String, amount: Int64? = nil, usage: UsageFields = UsageFields(), idempotencyKey: String? = nil) {
            self.reservationID = reservationID
            self.amount = amount
            self.usage = usage
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(reservationID: p.requiredString("reservation_id"), amount: p.int("amount"), usage: UsageFields(validated: p),
                      idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object = usage.wire
            object["reservation_id"] = .string(reservationID)
            object["amount"] = amount.map { .int($0) }
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.commit", "Spends up to the held amount (default all), logs one usage row, gives the rest back.", access: .write,
        params: [.required("reservation_id", .identifier, "The reservation."),
                 .optional("amount", .integer(min: 0, max: Int64.max), "At most the held amount.")] + UsageFields.specs,
        result: Commitment.fields, errors: ["not_found", "invalid_state", "plan_limit_exceeded"])
}
