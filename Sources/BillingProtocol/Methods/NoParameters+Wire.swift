/// `NoParameters` as wire params: read from the validator, written by clients.
extension NoParameters: MethodParameters {
    public init(validated: Params) { self.init() }
    public var wire: JSONObject { JSONObject() }
}
