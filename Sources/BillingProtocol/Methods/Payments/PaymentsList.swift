/// `payments.list`: payments, newest first, optionally of one user and one status.
public enum PaymentsList: BillingMethod {
    public typealias Result = PaymentPage

    public typealias Parameters = UserStatusPageParameters<PaymentStatus>

    public static let descriptor = MethodDescriptor(
        "payments.list", "Payments, newest first.", access: .read,
        params: [.optional("user_id", .identifier, "Only this user's."), .optional("status", .paymentStatus, "Only this status."),
                 .limit, .cursor],
        result: [("payments", "[payment]"), ("next_cursor", "string or null")])
}
