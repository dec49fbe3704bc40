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
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: serve JSON-RPC on the Unix socket until SIGTERM or SIGINT.",
        discussion: """
            Opens the database (creating it with mode 0600 and applying pending migrations), listens on \
            --socket, and on SIGTERM or SIGINT stops accepting, answers every request in flight, closes \
            the database and removes the socket file.

            Under systemd (Packaging/systemd): a listening socket passed by socket activation \
            (LISTEN_FDS, LISTEN_PID) is served instead of --socket, keeps the mode and group its socket \
            unit gave it, and is left in place on exit. With NOTIFY_SOCKET set (Type=notify) the daemon \
            reports READY=1 once it serves and STOPPING=1 when it starts to stop.

            Exit status: 0 after a graceful stop; 1 when it cannot start (another daemon on the socket, \
            the database locked by another process, a bad option).
            """)

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Unix socket to create (env BILLINGD_SOCKET, default ./billingd.sock).", valueName: "path"))
    var socket: String?

    @Option(name: .customLong("socket-mode"), help: ArgumentHelp("File mode of the socket it creates, in octal.", valueName: "mode"))
    var socketMode: String = "0600"

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp("Longest request line accepted; longer ones are answered -32600.", valueName: "bytes"))
    var maxLineBytes: Int = 1 << 20

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Open connections before new ones are refused with 1009.", valueName: "n"))
    var maxConnections: Int = 4096

    @Option(name: .customLong("max-in-flight"), help: ArgumentHelp("Unanswered requests per connection before the daemon stops reading it.", valueName: "n"))
    var maxInFlight: Int = 256

    @Option(name: .customLong("max-write-queue"), help: ArgumentHelp("Waiting state changes before requests are answered 1009 overloaded.", valueName: "n"))
    var maxWriteQueue: Int = 10_000

    @Option(name: .customLong("request-timeout-ms"), help: ArgumentHelp("A state change still queued after this long is answered 1009 without running.", valueName: "ms"))
    var requestTimeoutMs: Int64 = 30_000

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("A connection silent this long, with nothing in flight, is closed.", valueName: "seconds"))
    var idleTimeout: Int64 = 300

    @Option(name: .customLong("socket-group"), help: ArgumentHelp("Group owner of the socket file (pair with --socket-mode 0660).", valueName: "group"))
    var socketGroup: String?

    @Option(name: .customLong("allow-uid"), help: ArgumentHelp("Only these peer uids may connect (checked with SO_PEERCRED); repeatable.", valueName: "uid"))
    var allowUID: [UInt32] = []

    @Option(help: ArgumentHelp("How an acknowledged write reaches the disk: PIPELINED (the daemon fdatasyncs the WAL while the next batch runs) or FULL/EXTRA (SQLite syncs in every COMMIT). Durable before acknowledged in every mode.", valueName: "mode"))
    var synchronous: String = "PIPELINED"

    @Option(name: .customLong("wal-autocheckpoint"), help: ArgumentHelp("WAL pages of growth after which a checkpoint copies the WAL into the database file (mostly off the writer thread). Larger: more peak throughput, a longer tail.", valueName: "pages"))
    var walAutocheckpoint: Int = 2000

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical; debug adds a line per request.", valueName: "level"))
    var logLevel: String = "info"

    @Option(name: .customLong("log-format"), help: ArgumentHelp("text, or json: one object per line (timestamp, level, message, label, fields); logs go to stderr.", valueName: "format"))
    var logFormat: LogFormat = .text

    @Flag(name: .customLong("test-clock"), help: "Freeze time and enable system.clock.advance/set (tests only).")
    var testClock = false

    @Option(name: .customLong("test-clock-start"), help: ArgumentHelp("With --test-clock: the starting time (RFC 3339).", valueName: "time"))
    var testClockStart: String?

    @Option(name: .customLong("lemonsqueezy-secret-file"),
            help: ArgumentHelp("File holding the Lemon Squeezy webhook signing secret (env LEMONSQUEEZY_WEBHOOK_SECRET); without one webhooks.lemonsqueezy answers 1010.", valueName: "file"))
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
        switch logFormat {
        case .text: LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        case .json: LoggingSystem.bootstrap { JSONLogHandler.standardError(label: $0) }
        }
        var logger = Logger(label: "billingd")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let environment = ProcessInfo.processInfo.environment
        let activation: SocketActivation?
        do {
            activation = try SocketActivation.fromEnvironment(environment)
        } catch {
            fail("\(error)", logger)
            throw ExitCode(1)
        }
        let socketPath = activation?.path ?? socket ?? environment["BILLINGD_SOCKET"] ?? "./billingd.sock"

        // A passed-in socket is already listening (systemd holds it), so it always "answers".
        if activation == nil, BillingServer.isServing(socketPath: socketPath) {
            fail("another billingd is already listening on \(socketPath)", logger)
            throw ExitCode(1)
        }
        let lemonSqueezySecret: String?
        do {
            lemonSqueezySecret = try readLemonSqueezySecret()
        } catch {
            fail("\(error)", logger)
            throw ExitCode(1)
        }
        // Whether webhooks are on is worth a line; the secret itself is never logged.
        logger.info("Lemon Squeezy webhooks \(lemonSqueezySecret == nil ? "disabled (no signing secret)" : "enabled")")
        let clock = BillingClock(test: testClock, start: testClockStart.flatMap(Timestamp.init(rfc3339:)))
        try PowerLossSimulation.installFromEnvironment()
        var options = SQLiteDatabase.Options()
        options.synchronous = SyncMode(rawValue: synchronous.uppercased()) ?? .pipelined
        options.walAutocheckpoint = walAutocheckpoint
        options.maxWriteQueue = maxWriteQueue
        options.maxQueueWait = .milliseconds(requestTimeoutMs)
        let storage: Database
        do {
            storage = try database.location().open(sqliteOptions: options, now: clock.now().milliseconds)
        } catch {
            fail("\(error)", logger)
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
        configuration.activation = activation
        configuration.notifier = ServiceNotifier(environment: environment)
        let service = BillingService(database: storage, clock: clock, lemonSqueezySecret: lemonSqueezySecret)
        let server = BillingServer(configuration: configuration, service: service, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            storage.close()
            fail("\(error)", logger)
            throw ExitCode(1)
        }
    }

    /// Reports why the daemon cannot start or run on: "billingd: …" on stderr, or with --log-format json
    /// a critical-level JSON line, so that a log shipper reading stderr never sees a line it cannot parse.
    private func fail(_ message: String, _ logger: Logger) {
        switch logFormat {
        case .text: FileHandle.standardError.write(Data("billingd: \(message)\n".utf8))
        case .json: logger.critical("\(message)")
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
