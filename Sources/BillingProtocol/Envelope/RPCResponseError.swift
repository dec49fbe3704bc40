/// An envelope-level failure that already knows which id to answer with.
public struct RPCResponseError: Error, Sendable, Equatable {
    public let id: JSONValue
    public let error: RPCError
    /// The request was a well-formed notification (no `id`): it is never answered, even with an error.
    public let isNotification: Bool

    public init(id: JSONValue, error: RPCError, isNotification: Bool = false) {
        self.id = id
        self.error = error
        self.isNotification = isNotification
    }
}
