/// The parameters of a read that names one user and nothing else.
public struct UserParameters: Sendable, Equatable {
    public var userID: String

    public init(userID: String) { self.userID = userID }
}
