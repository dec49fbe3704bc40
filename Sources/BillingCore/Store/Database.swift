import BillingProtocol

/// The storage behind one daemon: its single writer and its readers, migrated and ready.
/// `SQLiteDatabase` (embedded, the default) and the PostgreSQL store implement it.
public protocol Database: AnyObject, Sendable {
    var writer: any Writer { get }
    var readers: any ReaderPool { get }
    /// Where the data lives, safe to log (a path, or a URL without its password).
    var location: String { get }
    /// This daemon is the only writer of the data (the embedded store), so state its writer
    /// keeps in memory cannot be changed behind its back; false where other daemons write too.
    var isSoleWriter: Bool { get }
    /// The store's migrations, applied and pending, read on `session` (`system.migrations`).
    func migrations(on session: any StoreSession) throws -> MigrationReport
    /// Waits for queued writes to become durable, then closes every session.
    func close()
}
