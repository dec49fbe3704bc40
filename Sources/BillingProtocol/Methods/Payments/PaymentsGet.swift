/// `payments.get`: one payment.
public enum PaymentsGet: BillingMethod {
    public typealias Result = Payment

    public struct Parameters: MethodParameters, Equatable {
        public var paymentID: String

        public init(paymentID: String) { self.paymentID = paymentID }
        public init(validated p: Params) { paymentID = p.requiredString("payment_id") }
        public var wire: JSONObject { ["payment_id": .string(paymentID)] }
    }

    public static let descriptor = MethodDescriptor(
        "payments.get", "One payment.", access: .read, params: [.required("payment_id", .identifier, "The payment.")],
        result: Payment.fields, errors: ["not_found"])
}
