/// The parameters of a method that takes none.
public struct NoParameters: MethodParameters, Equatable {
    public init() {}
    public init(validated: Params) {}
    public var wire: JSONObject { JSONObject() }
}
