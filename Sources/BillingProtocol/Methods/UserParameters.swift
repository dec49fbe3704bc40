/// The parameters of a read that names one user and nothing else.
public struct UserParameters: MethodParameters, Equatable {
    public var userID: String

    public init(userID: String) { self.userID = userID }
    public init(validated p: Params) { userID = p.requiredString("user_id") }
    public var wire: JSONObject { ["user_id": .string(userID)] }
}
