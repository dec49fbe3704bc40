/// `credits.ledger`: a user's ledger entries, newest first.
public enum CreditsLedger: BillingMethod {
    public typealias Result = LedgerPage

    public struct Parameters: MethodParameters, Equatable {
        public var userID: String
        public var page: PageParameters

        public init(userID: String, page: PageParameters = PageParameters()) {
            self.userID = userID
            self.page = page
        }

        public init(validated p: Params) { self.init(userID: p.requiredString("user_id"), page: PageParameters(validated: p)) }

        public var wire: JSONObject {
            var object: JSONObject = ["user_id": .string(userID)]
            page.write(into: &object)
            return object
        }
    }

    public static let descriptor = MethodDescriptor(
        "credits.ledger", "Ledger entries, newest first: one per grant touched by each change.", access: .read,
        params: [.required("user_id", .identifier, "The user."), .limit, .cursor],
        result: [("entries", "[{entry_id, grant_id, delta, balance_after, kind, reference, created_at}]"), ("next_cursor", "string or null")],
        errors: ["not_found"])
}
