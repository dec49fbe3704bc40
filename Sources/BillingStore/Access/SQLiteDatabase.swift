import BillingProtocol
import BillingCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The storage of one daemon: the lock, the migrated schema, the single writer and the readers.
public final class SQLiteDatabase: Database {
    public let path: String
    /// The concrete writer, for what only the embedded store has (its durability gate, `configure`).
    public let sqliteWriter: SQLiteWriter
    private let sqliteReaders: SQLiteReaderPool
    public var writer: any Writer { sqliteWriter }
    public var readers: any ReaderPool { sqliteReaders }
    public var location: String { path }
    /// The lock file keeps every other billingd out.
    public var isSoleWriter: Bool { true }
    public var migrator: Migrator { Migrator() }

    public func migrations(on session: any StoreSession) throws -> MigrationReport { try migrator.report(on: session) }
    private let lock: DatabaseLock
    private let checkpointer: Checkpointer

    public struct Options: Sendable {
        /// How a commit reaches the disk before it is acknowledged (`SyncMode`); either way no
        /// answer and no read shows a change before it is on disk.
        public var synchronous: SyncMode = .pipelined
        /// WAL pages of growth after which a checkpoint copies the WAL into the database file,
        /// mostly off the writer thread (`Checkpointer`). 2,000 instead of SQLite's 1,000: one
        /// commit of ~1,000 consumes writes more than 1,000 frames. Not more: each checkpoint ends
        /// with a sync of the database file that shares the disk with the WAL's `fdatasync`, and at
        /// 8,000 pages those syncs doubled the consume p99 over a 10-minute soak as the file grew;
        /// at 2,000 it stayed near 20 ms, for ~12% more writer CPU per consume at the peak
        /// (larger checkpoints copy a page rewritten by several commits once). Benchmarks/RESULTS.md.
        public var walAutocheckpoint: Int = 2000
        public var readerCount: Int = 2
        public var maxWriteQueue: Int = 10_000
        public var maxBatch: Int = 1_000
        /// A state change still queued after this long is answered `overloaded` without running.
        public var maxQueueWait: Duration = .seconds(30)

        public init() {}
    }

    /// Opens (creating with mode 0600 if needed), locks and migrates the database.
    public init(path: String, options: Options = Options(), now: Int64) throws {
        self.path = path
        lock = try DatabaseLock(databasePath: path)
        let created = !FileManager.default.fileExists(atPath: path)
        if created {
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { Glibc.close(fd) }
        }
        let connection = try SQLiteConnection(path: path, mode: .readWrite, synchronous: options.synchronous.pragma)
        try connection.execute("PRAGMA journal_size_limit = \(SQLiteDatabase.walSizeLimit)")
        try Migrator().migrate(connection, now: now)
        checkpointer = try Checkpointer(path: path, synchronous: options.synchronous.pragma, threshold: options.walAutocheckpoint)
        connection.reportWALGrowth(to: checkpointer)
        sqliteWriter = try SQLiteWriter(connection: connection, syncMode: options.synchronous, maxQueue: options.maxWriteQueue,
                            maxBatch: options.maxBatch, maxQueueWait: options.maxQueueWait, checkpointer: checkpointer)
        sqliteReaders = try SQLiteReaderPool(path: path, count: options.readerCount, gate: sqliteWriter.gate)
    }

    /// After a checkpoint has emptied it, the WAL is truncated to this size (it is never deleted
    /// while the writer is open, see `Writer`): bounded disk use, same file.
    static let walSizeLimit = 64 << 20

    /// Waits for queued writes to commit, then closes every connection, readers and the
    /// checkpointer's first, so the writer's close is the last and checkpoints the WAL into the
    /// database file.
    public func close() {
        sqliteReaders.close()
        checkpointer.close()
        sqliteWriter.close()
        lock.release()
    }
}
