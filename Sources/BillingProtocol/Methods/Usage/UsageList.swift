/// `usage.list`: a user's usage rows, newest first, created in [from, to).
public enum UsageList: BillingMethod {
    public typealias Result = UsagePage

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var from: Timestamp?
        public var to: Timestamp?
        public var page: PageParameters

        public init(userID: String, from: Timestamp? = nil, to: Timestamp? = nil, page: PageParameters = PageParameters()) {
            self.userID = userID
            self.from = from
            self.to = to
            self.page = page
        }

        public init(validated p: Params) {
            self.init(userID: p.requiredString("user_id"), from: p.time("from"), to: p.time("to"), page: PageParameters(validated: p))
        }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID)]
            object["from"] = from.map { .string($0.rfc3339) }
            object["to"] = to.map { .string($0.rfc3339) }
            page.write(into: &object)
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "usage.list", "Usage rows of a user, newest first, created in [from, to).", access: .read,
        params: [.required("user_id", .identifier, "The user."), .optional("from", .timestamp, "Inclusive."),
                 .optional("to", .timestamp, "Exclusive."), .limit, .cursor],
        result: [("usage", "[usage row: \(UsageRecord.fieldNames.joined(separator: ", "))]"), ("next_cursor", "string or null")])
}
