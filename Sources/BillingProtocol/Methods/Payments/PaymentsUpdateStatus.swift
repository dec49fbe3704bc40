/// `payments.update_status`: moves a payment along `PaymentStatus`'s transitions.
public enum PaymentsUpdateStatus: BillingMethod {
    public typealias Result = Payment

    public struct Parameters: MethodParameters, Equatable {
        public var paymentID: String
        public var status: PaymentStatus
        public var idempotencyKey: String?

        public init(paymentID: String, status: PaymentStatus, idempotencyKey: String? = nil) {
            self.paymentID = paymentID
            self.status = status
            self.idempotencyKey = idempotencyKey
        }

        public init(validated p: Params) throws(RPCError) {
            guard let status = p.string("status").flatMap(PaymentStatus.init(rawValue:)) else {
                throw RPCError.invalidParams(field: "status", "'status' is required")
            }
            self.init(paymentID: p.requiredString("payment_id"), status: status, idempotencyKey: p.string("idempotency_key"))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["payment_id": .string(paymentID), "status": .string(status.rawValue)]
            object["idempotency_key"] = idempotencyKey.map { .string($0) }
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "payments.update_status", "pending -> completed | failed; completed -> refunded. Completing grants, refunding takes back what is left.",
        access: .write,
        params: [.required("payment_id", .identifier, "The payment."), .required("status", .paymentStatus, "The new status.")],
        result: Payment.fields, errors: ["not_found", "invalid_state"])
}
