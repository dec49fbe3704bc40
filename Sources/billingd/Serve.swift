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

    @Option(name: .customLong("request-timeout-ms"), help: "A state change still queued after this long is answered 1009 without running.")
    var requestTimeoutMs: Int64 = 30_000

    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may send nothing (with nothing in flight) before it is closed.")
    var idleTimeout: Int64 = 300

    @Option(name: .customLong("socket-group"), help: "Group owner of the socket file (pair with e.g. --socket-mode 0660).")
    var socketGroup: String?

    @Option(name: .customLong("allow-uid"), help: "Only these peer uids may connect (checked with SO_PEERCRED); repeatable.")
    var allowUID: [UInt32] = []

    @Option(help: "How an acknowledged write reaches the disk: PIPELINED (the daemon fdatasyncs the WAL while the next batch runs) or FULL/EXTRA (SQLite syncs in every COMMIT). Durable before acknowledged in every mode.")
    var synchronous: String = "PIPELINED"

    @Option(name: .customLong("wal-autocheckpoint"), help: "WAL pages after which a commit also checkpoints the WAL into the database file.")
    var walAutocheckpoint: Int = 8000

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Flag(name: .customLong("test-clock"), help: "Freeze time and enable system.clock.advance/set (tests only).")
    var testClock = false

    @Option(name: .customLong("test-clock-start"), help: "With --test-clock: the starting time (RFC 3339).")
    var testClockStart: String?

    @Option(name: .customLong("lemonsqueezy-secret-file"),
            help: "File holding the Lemon Squeezy webhook signing secret (env LEMONSQUEEZY_WEBHOOK_SECRET); without one webhooks.lemonsqueezy answers 1010.")
    var lemonSqueezySecretFile: String?

    func validate() throws {
        guard UInt32(socketMode, radix: 8) != nil else { throw ValidationError("--socket-mode must be octal, e.g. 0600") }
        guard SyncMode(rawValue: synchronous.uppercased()) != nil else { throw ValidationError("--synchronous must be PIPELINED, FULL or EXTRA") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard maxLineBytes > 0, maxConnections > 0, maxInFlight > 0, maxWriteQueue > 0, requestTimeoutMs > 0, idleTimeout > 0,
              walAutocheckpoint > 0 else { throw ValidationError("limits must be positive") }
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
        let lemonSqueezySecret: String?
        do {
            lemonSqueezySecret = try readLemonSqueezySecret()
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        // Whether webhooks are on is worth a line; the secret itself is never logged.
        logger.info("Lemon Squeezy webhooks \(lemonSqueezySecret == nil ? "disabled (no signing secret)" : "enabled")")
        let clock = BillingClock(test: testClock, start: testClockStart.flatMap(Timestamp.init(rfc3339:)))
        try PowerLossSimulation.installFromEnvironment()
        var options = Database.Options()
        options.synchronous = SyncMode(rawValue: synchronous.uppercased()) ?? .pipelined
        options.walAutocheckpoint = walAutocheckpoint
        options.maxWriteQueue = maxWriteQueue
        options.maxQueueWait = .milliseconds(requestTimeoutMs)
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
        configuration.idleTimeoutSeconds = idleTimeout
        configuration.socketGroup = socketGroup
        configuration.allowedUIDs = allowUID.isEmpty ? nil : Set(allowUID)
        let service = BillingService(database: storage, clock: clock, lemonSqueezySecret: lemonSqueezySecret)
        let server = BillingServer(configuration: configuration, service: service, logger: logger)
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

    /// The signing secret: `--lemonsqueezy-secret-file` (trailing newline trimmed) wins over env
    /// `LEMONSQUEEZY_WEBHOOK_SECRET`; an empty env value counts as none, an unreadable or empty file is an error.
    private func readLemonSqueezySecret() throws -> String? {
        guard let path = lemonSqueezySecretFile else {
            let value = ProcessInfo.processInfo.environment["LEMONSQUEEZY_WEBHOOK_SECRET"]
            return value?.isEmpty == false ? value : nil
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read --lemonsqueezy-secret-file \(path)")
        }
        let secret = LemonSqueezySecret.secret(fromFileContents: text)
        guard !secret.isEmpty else { throw ValidationError("--lemonsqueezy-secret-file \(path) is empty") }
        return secret
    }
}
