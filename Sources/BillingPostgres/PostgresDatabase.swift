import BillingProtocol
import BillingCore
import BillingStore
import Foundation
import Logging
import PostgresNIO

/// The storage of one daemon on a PostgreSQL database that several daemons may share: migrated
/// on open (under an advisory lock, so daemons starting together migrate once), one writer
/// session and a few reader sessions. There is no file lock: PostgreSQL arbitrates the daemons
/// (SERIALIZABLE batches, see `PostgresWriter`).
public final class PostgresDatabase: Database {
    public let url: PostgresURL
    private let group: MultiThreadedEventLoopGroup
    private let postgresWriter: PostgresWriter
    private let postgresReaders: PostgresReaderPool
    public var writer: any Writer { postgresWriter }
    public var readers: any ReaderPool { postgresReaders }
    /// The URL without its password.
    public var location: String { url.description }
    /// Other daemons write the same database: nothing the writer keeps in memory is authoritative.
    public var isSoleWriter: Bool { false }
    public var migrator: Migrator { PostgresDatabase.migrator }

    public func migrations(on session: any StoreSession) throws -> MigrationReport { try migrator.report(on: session) }

    public struct Options: Sendable {
        public var readerCount: Int = 2
        public var maxWriteQueue: Int = 10_000
        public var maxBatch: Int = 1_000
        /// A state change still queued after this long is answered `overloaded` without running.
        public var maxQueueWait: Duration = .seconds(30)
        /// Whole-batch runs after serialization conflicts before each request runs alone.
        public var batchAttempts: Int = 3

        public init() {}
    }

    /// The migrator with PostgreSQL's migration texts (for `migrate`, `migrate --status`).
    public static let migrator = Migrator(migrations: PostgresSchema.migrations)

    /// Connects, migrates, and starts the writer and the readers. Throws `StoreUnavailable` when
    /// PostgreSQL cannot be reached.
    public init(url: PostgresURL, options: Options = Options(), now: Int64, logger: Logger = Logger(label: "billingd.postgres")) throws {
        self.url = url
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        // Session ids (in postgres-nio's log metadata): 0 the writer, 1... the readers.
        let connect: @Sendable (Int) throws -> PostgresSession = { id in
            try PostgresSession.connect(url, on: group, id: id, logger: logger)
        }
        do {
            let session = try connect(0)
            try PostgresDatabase.migrator.migrate(session, now: now)
            postgresWriter = PostgresWriter(session: session, connect: { try connect(0) }, maxQueue: options.maxWriteQueue, maxBatch: options.maxBatch,
                                            maxQueueWait: options.maxQueueWait, batchAttempts: options.batchAttempts)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        postgresReaders = PostgresReaderPool(count: options.readerCount, connect: connect)
    }

    /// Answers everything queued, then closes every session, readers first.
    public func close() {
        postgresReaders.close()
        postgresWriter.close()
        try? group.syncShutdownGracefully()
    }
}
