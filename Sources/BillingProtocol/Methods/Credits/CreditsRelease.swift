/// `credits.release`: gives every held credit back.
public enum CreditsRelease: BillingMethod {
    public typealias Result = Release

    public struct Parameters: MethodParameters, Equatable {
        public var reservationID: String
        public var idempotencyKey: String?

        public init(reservationID: String, idempotencyKey: String? = nil) {
            self.reservationID = reservationID
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) {
            self.init(reservationID: p.requiredString("reservation_id"), idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["reservation_id": .string(reservationID)]
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.release", "Gives all held credits back.", access: .write,
        params: [.required("reservation_id", .identifier, "The reservation.")], result: Release.fields,
        errors: ["not_found", "invalid_state"])
}
