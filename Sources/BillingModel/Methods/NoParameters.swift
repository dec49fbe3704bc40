/// The parameters of a method that takes none.
public struct NoParameters: Sendable, Equatable {
    public init() {}
}
