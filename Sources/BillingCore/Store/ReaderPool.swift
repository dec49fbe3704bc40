/// Read-only sessions for lists, sums and single lookups. A read never shows a change that is
/// not yet durable.
public protocol ReaderPool: AnyObject, Sendable {
    /// Runs `work` on one consistent snapshot and calls `completion` (on a store thread).
    func read<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T,
                           completion: @escaping @Sendable (Result<T, any Error>) -> Void)
}

extension ReaderPool {
    /// Runs `work` and waits. For CLI commands and tests, never an event loop.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (any StoreSession) throws -> T) throws -> T {
        try Blocking.wait { read(work, completion: $0) }
    }
}
