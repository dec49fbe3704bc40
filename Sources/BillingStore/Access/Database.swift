import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The storage of one daemon: the lock, the migrated schema, the single writer and the readers.
public final class Database: Sendable {
    public let path: String
    public let writer: Writer
    public let readers: ReaderPool
    private let lock: DatabaseLock

    public struct Options: Sendable {
        /// `FULL` (default): a commit is on disk before it is acknowledged.
        public var synchronous: String = "FULL"
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
        let connection = try Connection(path: path, mode: .readWrite, synchronous: options.synchronous)
        try Migrator().migrate(connection, now: now)
        writer = Writer(connection: connection, maxQueue: options.maxWriteQueue, maxBatch: options.maxBatch,
                        maxQueueWait: options.maxQueueWait)
        readers = try ReaderPool(path: path, count: options.readerCount)
    }

    /// Waits for queued writes to commit, then closes every connection, readers first, so the
    /// writer's close is the last and checkpoints the WAL into the database file.
    public func close() {
        readers.close()
        writer.close()
        lock.release()
    }
}
