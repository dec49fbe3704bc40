/// `subscriptions.list`: subscriptions, newest first, optionally of one user and one status.
public enum SubscriptionsList: BillingMethod {
    public typealias Result = SubscriptionPage

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String?
        public var status: SubscriptionStatus?
        public var page: PageParameters

        public init(userID: String? = nil, status: SubscriptionStatus? = nil, page: PageParameters = PageParameters()) {
            self.userID = userID
            self.status = status
            self.page = page
        }

        public init(validated p: Params) {
            self.init(userID: p.string("user_id"), status: p.string("status").flatMap(SubscriptionStatus.init(rawValue:)),
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
        "subscriptions.list", "Subscriptions, newest first.", access: .read,
        params: [.optional("user_id", .identifier, "Only this user's."),
                 .optional("status", .oneOf(SubscriptionStatus.allCases.map(\.rawValue)), "Only this status."), .limit, .cursor],
        result: [("subscriptions", "[subscription]"), ("next_cursor", "string or null")])
}
