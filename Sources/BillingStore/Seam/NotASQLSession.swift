import BillingCore

/// A session that is not one of this package's SQL sessions reached code that runs SQL itself
/// (the command line's maintenance, tests). Every store here hands out `Connection`s, so this
/// is a programming error, reported as an error instead of a crash.
public struct NotASQLSession: Error, CustomStringConvertible {
    public var description: String { "the store session is not a SQL connection" }

    /// `session` as the SQL connection it is.
    public static func sql(_ session: any StoreSession) throws -> any Connection {
        guard let connection = session as? any Connection else { throw NotASQLSession() }
        return connection
    }
}
