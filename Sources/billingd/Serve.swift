import ArgumentParser
import BillingCore
import BillingProtocol
import BillingServer
import BillingStore
import Foundation
import Logging
import ServiceLifecycle

/// `billingd serve`: opens (creating and migrating) the database and serves the socket until SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon (the default command).")

    @OptionGroup var database: DatabaseOption

    @Option(help: "Unix socket path (env BILLINGD_SOCKET, default ./billingd.sock).")
    var socket: String?

    @Option(name: .customLong("socket-mode"), help: "Socket file mode, octal.")
    var socketMode: String = "0600"

    @Option(name: .customLong("max-line-bytes"), help: "Longest request line accepted.")
    var maxLineBytes: Int = 1 << 20

    @Option(name: .customLong("max-connections"), help: "Open connections before new ones are refused with 1009.")
    var maxConnections: Int = 4096

    @Option(name: .customLong("max-in-flight"), help: "Unanswered requests per connection before the daemon stops reading it.")
    var maxInFlight: Int = 256

    @Option(name: .customLong("max-write-queue"), help: "Waiting state changes before requests are answered 1009 overloaded.")
    var maxWriteQueue: Int = 10_000

    @Option(help: "SQLite synchronous mode: FULL (every acknowledged write is on disk) or NORMAL.")
    var synchronous: String = "FULL"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Flag(name: .customLong("test-clock"), help: "Freeze time and enable system.clock.advance/set (tests only).")
    var testClock = false

    @Option(name: .customLong("test-clock-start"), help: "With --test-clock: the starting time (RFC 3339).")
    var testClockStart: String?

    func validate() throws {
        guard UInt32(socketMode, radix: 8) != nil else { throw ValidationError("--socket-mode must be octal, e.g. 0600") }
        guard ["FULL", "NORMAL", "EXTRA"].contains(synchronous.uppercased()) else { throw ValidationError("--synchronous must be FULL, NORMAL or EXTRA") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard maxLineBytes > 0, maxConnections > 0, maxInFlight > 0, maxWriteQueue > 0 else { throw ValidationError("limits must be positive") }
        if let testClockStart, Timestamp(rfc3339: testClockStart) == nil { throw ValidationError("--test-clock-start must be RFC 3339") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "billingd")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let socketPath = socket ?? ProcessInfo.processInfo.environment["BILLINGD_SOCKET"] ?? "./billingd.sock"

        if BillingServer.isServing(socketPath: socketPath) {
            FileHandle.standardError.write(Data("billingd: another billingd is already listening on \(socketPath)\n".utf8))
            throw ExitCode(1)
        }
        let clock = BillingClock(test: testClock, start: testClockStart.flatMap(Timestamp.init(rfc3339:)))
        var options = Database.Options()
        options.synchronous = synchronous.uppercased()
        options.maxWriteQueue = maxWriteQueue
        let storage: Database
        do {
            storage = try Database(path: database.path, options: options, now: clock.now().milliseconds)
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var configuration = ServerConfiguration(socketPath: socketPath)
        configuration.socketMode = UInt32(socketMode, radix: 8)!
        configuration.maxLineBytes = maxLineBytes
        configuration.maxConnections = maxConnections
        configuration.maxInFlightPerConnection = maxInFlight
        configuration.runScheduler = !testClock
        let server = BillingServer(configuration: configuration, service: BillingService(database: storage, clock: clock), logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            storage.close()
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
