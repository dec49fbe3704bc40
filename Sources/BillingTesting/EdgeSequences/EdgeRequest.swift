import BillingProtocol

/// One valid request of an edge sequence: a catalog method and params that pass its validator,
/// with values drawn from the edges of their ranges.
public struct EdgeRequest: Sendable, CustomStringConvertible {
    public let method: String
    public let params: JSONObject

    public var description: String { "\(method) \(JSONValue.object(params).serialized())" }
}
