import BillingClient
import BillingCore
import BillingPostgres
import BillingProtocol
import BillingServer
import BillingStore
import Foundation
import Logging
import ServiceLifecycle

/// A throw-away billingd inside the test process: temp database, temp socket, test clock.
/// `try await TestDaemon.start()` … `try await daemon.stop()`; everything is removed afterwards.
public final class TestDaemon: Sendable {
    public let directory: String
    public let socketPath: String
    public let databasePath: String
    /// The embedded store itself, for tests that reach below the seam (fault injection); nil
    /// when the daemon runs on PostgreSQL (`TestStore.isPostgres`).
    public let sqliteDatabase: SQLiteDatabase?
    /// The PostgreSQL database of this daemon (`TestStore.isPostgres`), dropped with its files.
    public let postgresURL: PostgresURL?
    public let service: BillingService
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    public struct Options: Sendable {
        public var testClock = true
        /// Where the test clock starts (a fixed instant keeps results reproducible).
        public var clockStart: Timestamp? = Timestamp(rfc3339: "2026-01-01T00:00:00.000Z")
        public var configure: @Sendable (inout ServerConfiguration) -> Void = { _ in }
        public var database = SQLiteDatabase.Options()
        /// Reuse an existing directory (and so its database) instead of a new one.
        public var directory: String?
        /// The Lemon Squeezy signing secret; nil leaves `webhooks.lemonsqueezy` unavailable (1010), as in production.
        public var lemonSqueezySecret: String?

        public init() {}
    }

    public static func start(_ options: Options = Options()) async throws -> TestDaemon {
        let daemon = try TestDaemon(options)
        try await daemon.waitUntilServing()
        return daemon
    }

    private init(_ options: Options) throws {
        directory = try options.directory ?? TemporaryDirectory.make()
        socketPath = directory + "/b.sock"
        databasePath = directory + "/b.sqlite3"
        let clock = BillingClock(test: options.testClock, start: options.testClock ? options.clockStart : nil)
        let database: any Database
        if TestStore.isPostgres {
            // A fresh database per daemon; its URL stays in the directory, so a restart on the
            // same directory finds the same data (as the SQLite file would).
            let url = try TestStore.postgresDatabase(in: directory)
            var postgres = PostgresDatabase.Options()
            postgres.maxWriteQueue = options.database.maxWriteQueue
            postgres.maxQueueWait = options.database.maxQueueWait
            database = try PostgresDatabase(url: url, options: postgres, now: clock.now().milliseconds)
            (sqliteDatabase, postgresURL) = (nil, url)
        } else {
            let sqlite = try SQLiteDatabase(path: databasePath, options: options.database, now: clock.now().milliseconds)
            database = sqlite
            (sqliteDatabase, postgresURL) = (sqlite, nil)
        }
        service = BillingService(database: database, clock: clock, lemonSqueezySecret: options.lemonSqueezySecret)
        var configuration = ServerConfiguration(socketPath: socketPath)
        configuration.runScheduler = !options.testClock
        options.configure(&configuration)
        var logger = Logger(label: "billingd-test")
        logger.logLevel = .warning
        let server = BillingServer(configuration: configuration, service: service, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: logger))
        self.group = group
        task = Task { try await group.run() }
    }

    private func waitUntilServing() async throws {
        for _ in 0..<500 {
            if BillingServer.isServing(socketPath: socketPath) { return }
            if task.isCancelled { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw SocketConnection.ConnectError(path: socketPath, reason: "test daemon did not start")
    }

    public func connect() throws -> SocketConnection { try SocketConnection(path: socketPath) }

    /// One call on a fresh connection.
    public func call(_ method: String, _ params: JSONObject = [:]) throws -> JSONValue {
        try connect().call(method, params)
    }

    /// Graceful shutdown (as SIGTERM does); `keepFiles` leaves the directory for a restart.
    public func stop(keepFiles: Bool = false) async throws {
        await group.triggerGracefulShutdown()
        try await task.value
        if !keepFiles {
            if let postgresURL { TestPostgres.drop(postgresURL) }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
