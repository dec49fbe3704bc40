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
/// and removes the socket file (unless systemd passed the socket in: then the socket unit owns it).
/// Under a service manager it reports `READY=1` once it serves and `STOPPING=1` as it stops.
public final class BillingServer: Service {
    public static let version = "0.1.0"

    private let configuration: ServerConfiguration
    private let service: BillingService
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let registry = ConnectionRegistry()
    private let stats: ServerStats

    public init(configuration: ServerConfiguration, service: BillingService, logger: Logger) {
        self.configuration = configuration
        self.service = service
        self.logger = logger
        stats = ServerStats(metrics: ServerMetrics(version: Self.version, startedAtUnixSeconds: Int64(time(nil))), logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
    }

    /// True when a daemon answers on `socketPath` (a second daemon must then refuse to start).
    public static func isServing(socketPath: String) -> Bool {
        SocketPath.answers(socketPath)
    }

    public func run() async throws {
        let configuration = configuration
        let database = service.database
        let schemaVersion = try database.readers.perform { try database.migrations(on: $0).applied.map { Int($0.version) }.max() ?? 0 }
        let dispatcher = Dispatcher(service: service, stats: stats, version: Self.version, schemaVersion: schemaVersion,
                                    maxDepth: configuration.maxJSONDepth)
        let registry = registry
        let stats = stats
        let logger = logger
        service.database.writer.observeCommits { size, duration in stats.metrics.commit(batchSize: size, duration: duration) }
        let bootstrap = ServerBootstrap(group: group)
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
        let channel: any Channel
        if let activation = configuration.activation {
            channel = try await bootstrap.withBoundSocket(activation.descriptor).get()
            logger.info("billingd listening on the socket passed by the service manager",
                        metadata: ["socket": "\(activation.path)", "fd_name": "\(activation.name ?? "")", "db": "\(service.database.location)"])
        } else {
            channel = try await Self.bindSocket(bootstrap, configuration)
            logger.info("billingd listening", metadata: ["socket": "\(configuration.socketPath)", "db": "\(service.database.location)"])
        }

        let service = service
        let scheduler = configuration.runScheduler
            ? group.next().scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
                service.runDue { result in
                    stats.metrics.schedulerPass(result)
                    BillingServer.log(result, logger)
                }
            }
            : nil
        notify("READY=1\nSTATUS=serving")

        try? await gracefulShutdown()

        logger.info("billingd shutting down")
        notify("STOPPING=1\nSTATUS=finishing requests in flight")
        scheduler?.cancel()
        try? await channel.close()
        await drainConnections()
        service.database.close()
        // A passed-in socket belongs to the socket unit, which keeps it for the next start.
        if configuration.activation == nil { unlink(configuration.socketPath) }
        try? await group.shutdownGracefully()
        logger.info("billingd stopped")
    }

    /// Creates the socket file (refusing a path another daemon answers on) with the configured mode and group.
    private static func bindSocket(_ bootstrap: ServerBootstrap, _ configuration: ServerConfiguration) async throws -> any Channel {
        try SocketPath.prepare(configuration.socketPath)
        // The socket is created with no group/other bits at all, then set to the configured mode.
        let oldMask = umask(0o177)
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(unixDomainSocketPath: configuration.socketPath, cleanupExistingSocketFile: false).get()
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
        return channel
    }

    /// Tells the service manager, if there is one; a failure is logged, never fatal.
    private func notify(_ message: String) {
        guard let notifier = configuration.notifier else { return }
        do {
            try notifier.notify(message)
        } catch {
            logger.warning("\(error)")
        }
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
