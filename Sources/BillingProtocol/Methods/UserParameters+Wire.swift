/// `UserParameters` as wire params: read from the validator, written by clients.
extension UserParameters: MethodParameters {
    public init(validated p: Params) { self.init(userID: p.requiredString("user_id")) }
    public var wire: JSONObject { ["user_id": .string(userID)] }
}
