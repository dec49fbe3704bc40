/// `limit` and `cursor` of a list method (CONTRACT section 3: default 50, at most 1000).
public struct PageParameters: Sendable, Equatable {
    public var limit: Int64
    public var cursor: String?

    public init(limit: Int64 = 50, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }
}
