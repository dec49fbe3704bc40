/// `UserStatusPageParameters` as wire params: read from the validator, written by clients.
extension UserStatusPageParameters: MethodParameters {
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
