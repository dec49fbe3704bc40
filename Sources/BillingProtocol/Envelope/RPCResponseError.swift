/// An envelope-level failure that already knows which id to answer with.
public struct RPCResponseError: Error, Sendable, Equatable {
    public let id: JSONValue
    public let error: RPCError

    public init(id: JSONValue, error: RPCError) {
        self.id = id
        self.error = error
    }
}
