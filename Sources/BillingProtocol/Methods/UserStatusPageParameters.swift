/// The params of a list of records newest first, optionally of one user and one status, paged:
/// `payments.list` and `subscriptions.list` (each with its own status enum).
public struct UserStatusPageParameters<Status: RawRepresentable & Sendable & Equatable>: MethodParameters, Equatable
where Status.RawValue == String {
    public var userID: String?
    public var status: Status?
    public var page: PageParameters

    public init(userID: String? = nil, status: Status? = nil, page: PageParameters = PageParameters()) {
        self.userID = userID
        self.status = status
        self.page = page
    }

    public init(validated p: Params) {
        self.init(userID: p.string("user_id"), status: p.string("status").flatMap(Status.init(rawValue:)), page: PageParameters(validated: p))
    }

    public var wire: JSONObject {
        var object = JSONObject()
        object["user_id"] = userID.map { .string($0) }
        object["status"] = status.map { .string($0.rawValue) }
        page.write(into: &object)
        return object
    }
}
