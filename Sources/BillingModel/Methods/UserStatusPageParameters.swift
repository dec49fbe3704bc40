/// The params of a list of records newest first, optionally of one user and one status, paged:
/// `payments.list` and `subscriptions.list` (each with its own status enum).
public struct UserStatusPageParameters<Status: RawRepresentable & Sendable & Equatable>: Sendable, Equatable
where Status.RawValue == String {
    public var userID: String?
    public var status: Status?
    public var page: PageParameters

    public init(userID: String? = nil, status: Status? = nil, page: PageParameters = PageParameters()) {
        self.userID = userID
        self.status = status
        self.page = page
    }
}
