/// `audit.list`: the audit log of state changes, newest first.
public enum AuditList: BillingMethod {
    public typealias Result = AuditPage

    public struct Parameters: MethodParameters, Equatable {
        public var from: Timestamp?
        public var to: Timestamp?
        public var method: String?
        public var userID: String?
        public var page: PageParameters

        public init(from: Timestamp? = nil, to: Timestamp? = nil, method: String? = nil, userID: String? = nil,
                    page: PageParameters = PageParameters()) {
            self.from = from
            self.to = to
            self.method = method
            self.userID = userID
            self.page = page
        }

        public init(validated p: Params) {
            self.init(from: p.time("from"), to: p.time("to"), method: p.string("method"), userID: p.string("user_id"),
                      page: PageParameters(validated: p))
        }

        public var wire: JSONObject {
            var object = JSONObject()
            object["from"] = from.map { .string($0.rfc3339) }
            object["to"] = to.map { .string($0.rfc3339) }
            object["method"] = method.map { .string($0) }
            object["user_id"] = userID.map { .string($0) }
            page.write(into: &object)
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "audit.list", "The audit log of state changes (all but metered consume/reserve/commit/release), newest first.", access: .read,
        params: [.optional("from", .timestamp, "Inclusive."), .optional("to", .timestamp, "Exclusive."),
                 .optional("method", .text(maxBytes: 64), "Only this method (e.g. credits.grant, scheduler.run_due, cli.restore)."),
                 .optional("user_id", .identifier, "Only entries that touched this user."), .limit, .cursor],
        result: [("entries", "[entry: \(AuditEntry.fields.map(\.0).joined(separator: ", "))]"), ("next_cursor", "string or null")])
}
