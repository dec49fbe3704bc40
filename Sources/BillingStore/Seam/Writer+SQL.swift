import BillingCore

/// For code that runs SQL of its own on the writer or a reader (the command line's maintenance,
/// tests): the store's sessions are SQL connections.
extension Writer {
    public func performSQL<T: Sendable>(_ work: @escaping @Sendable (any Connection) throws -> T) throws -> T {
        try perform { try work(try NotASQLSession.sql($0)) }
    }
}

extension ReaderPool {
    public func performSQL<T: Sendable>(_ work: @escaping @Sendable (any Connection) throws -> T) throws -> T {
        try perform { try work(try NotASQLSession.sql($0)) }
    }
}
