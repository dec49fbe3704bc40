import BillingCore
import BillingProtocol
import BillingStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// The daemon as a `Service`: listens on the Unix socket until graceful shutdown, then stops
/// accepting, lets every connection finish what it has in flight, closes the database cleanly
/// and removes the socket file.
public final class BillingServer: Service {
    public static let version = "0.1.0"

    private let configuration: ServerConfiguration
    private let service: BillingService
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let registry = ConnectionRegistry()
    private let stats = ServerStats()

    public init(configuration: ServerConfiguration, service: BillingService, logger: Logger) {
        self.configuration = configuration
        self.service = service
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
    }

    /// True when a daemon answers on `socketPath` (a second daemon must then refuse to start).
    public static func isServing(socketPath: String) -> Bool {
        SocketPath.answers(socketPath)
    }

    public func run() async throws {
        let configuration = configuration
        try SocketPath.prepare(configuration.socketPath)
        let schemaVersion = try service.database.readers.perform { try Migrator().status($0).schemaVersion }
        let dispatcher = Dispatcher(service: service, stats: stats, version: Self.version, schemaVersion: schemaVersion,
                                    maxDepth: configuration.maxJSONDepth)
        let registry = registry
        let stats = stats
        let logger = logger
        // The socket is created with no group/other bits at all, then set to the configured mode.
        let oldMask = umask(0o177)
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelOption(.maxMessagesPerRead, value: 16)
                .childChannelInitializer { child in
                    PeerCredentials.check(child, allowed: configuration.allowedUIDs, logger: logger).flatMapThrowing { peer in
                        guard registry.add(child, limit: configuration.maxConnections) else {
                            stats.recordError(RPCErrorCode.overloaded.type)
                            let line = RPCResponse.failure(id: .null, error: RPCError(.overloaded, "too many connections")).serialized() + "\n"
                            child.writeAndFlush(child.allocator.buffer(string: line)).whenComplete { _ in child.close(promise: nil) }
                            return
                        }
                        stats.connectionOpened()
                        child.closeFuture.whenComplete { _ in
                            registry.remove(child)
                            stats.connectionClosed()
                        }
                        try child.pipeline.syncOperations.addHandler(
                            IdleStateHandler(readTimeout: .seconds(configuration.idleTimeoutSeconds)))
                        try child.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(maxLineBytes: configuration.maxLineBytes)))
                        try child.pipeline.syncOperations.addHandler(
                            RPCConnectionHandler(dispatcher: dispatcher, maxInFlight: configuration.maxInFlightPerConnection,
                                                 caller: .peer(uid: peer?.uid, pid: peer?.pid)))
                    }
                }
                .bind(unixDomainSocketPath: configuration.socketPath, cleanupExistingSocketFile: false)
                .get()
        } catch {
            umask(oldMask)
            throw error
        }
        umask(oldMask)
        if let group = configuration.socketGroup {
            guard let entry = getgrnam(group) else {
                try? await channel.close()
                throw SocketPath.UnknownGroup(group: group)
            }
            chown(configuration.socketPath, uid_t.max, entry.pointee.gr_gid)
        }
        chmod(configuration.socketPath, mode_t(configuration.socketMode))
        logger.info("billingd listening", metadata: ["socket": "\(configuration.socketPath)", "db": "\(service.database.path)"])

        let service = service
        let scheduler = configuration.runScheduler
            ? group.next().scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
                service.runDue { BillingServer.log($0, logger) }
            }
            : nil

        try? await gracefulShutdown()

        logger.info("billingd shutting down")
        scheduler?.cancel()
        try? await channel.close()
        await drainConnections()
        service.database.close()
        unlink(configuration.socketPath)
        try? await group.shutdownGracefully()
        logger.info("billingd stopped")
    }

    /// Asks every connection to finish its in-flight requests, and waits (bounded) for them to close.
    private func drainConnections() async {
        let open = registry.all
        for connection in open {
            connection.pipeline.fireUserInboundEventTriggered(Drain())
        }
        let timeout = group.next().scheduleTask(in: .seconds(configuration.shutdownGraceSeconds)) {
            for connection in open { connection.close(promise: nil) }
        }
        for connection in open { try? await connection.closeFuture.get() }
        timeout.cancel()
    }

    /// Logs a real-clock scheduler pass: every failed item (at error level the first time and
    /// when its run of failures doubles, at debug in between, so a stuck item is neither
    /// silent nor flooding the log), every item that recovered, and a pass that failed whole.
    static func log(_ result: Result<SchedulerPass, any Error>, _ logger: Logger) {
        switch result {
        case .failure(let error):
            logger.error("scheduler pass failed; nothing of it was applied", metadata: ["error": "\(error)"])
        case .success(let pass):
            for failing in pass.failing {
                let metadata: Logger.Metadata = [
                    "item": "\(failing.failure.item.kind.rawValue)", "id": "\(failing.failure.item.id)",
                    "reason": "\(failing.failure.reason)", "consecutive": "\(failing.consecutive)",
                ]
                let level: Logger.Level = failing.consecutive & (failing.consecutive - 1) == 0 ? .error : .debug
                logger.log(level: level, "scheduler item failed; it stays due and is retried every pass", metadata: metadata)
            }
            for item in pass.recovered {
                logger.info("scheduler item recovered", metadata: ["item": "\(item.kind.rawValue)", "id": "\(item.id)"])
            }
        }
    }
}
