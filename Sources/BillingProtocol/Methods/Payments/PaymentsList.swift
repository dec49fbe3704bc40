/// `payments.list`: payments, newest first, optionally of one user and one status.
public enum PaymentsList: BillingMethod {
    public typealias Result = PaymentPage

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String?
        public var status: PaymentStatus?
        public var page: PageParameters

        public init(userID: String? = nil, status: PaymentStatus? = nil, page: PageParameters = PageParameters()) {
            self.userID = userID
            self.status = status
            self.page = page
        }

        public init(validated p: Params) {
            self.init(userID: p.string("user_id"), status: p.string("status").flatMap(PaymentStatus.init(rawValue:)),
                      page: PageParameters(validated: p))
        }

        public var wire: JSONObject {
            var object = JSONObject()
            object["user_id"] = userID.map { .string($0) }
            object["status"] = status.map { .string($0.rawValue) }
            page.write(into: &object)
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "payments.list", "Payments, newest first.", access: .read,
        params: [.optional("user_id", .identifier, "Only this user's."), .optional("status", .paymentStatus, "Only this status."),
                 .limit, .cursor],
        result: [("payments", "[payment]"), ("next_cursor", "string or null")])
}
