import BillingClient
import BillingProtocol
import Foundation

/// A real `billingd serve` process on a temp database and socket (with `--test-clock`), for
/// tests that need signals, exit codes or a second process: `DaemonProcess.start(binary:)`.
public final class DaemonProcess: @unchecked Sendable {
    // @unchecked: `process` is only used from the test that owns this object.
    public let directory: String
    public let socketPath: String
    public let databasePath: String
    /// The store arguments it serves (`["--db", path]` or `["--database", url]`): given to a
    /// CLI command, they make it open this daemon's store, whichever store the tests run on.
    public let storeArguments: [String]
    public let binary: String
    public let process: Process
    public let stderrPath: String

    /// The `billingd` binary: `$BILLINGD_BIN`, else `.build/debug/billingd` of this package.
    public static func defaultBinary(file: String = #filePath) -> String {
        if let path = ProcessInfo.processInfo.environment["BILLINGD_BIN"] { return path }
        var url = URL(fileURLWithPath: file)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent(".build/debug/billingd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "billingd"
    }

    /// `store` replaces the store arguments (default: `--db` in the directory, or a fresh
    /// PostgreSQL database when `TestStore.isPostgres`), e.g. `["--database", url]` for daemons sharing one.
    public static func start(binary: String = defaultBinary(), directory: String? = nil, store: [String]? = nil,
                             arguments: [String] = []) throws -> DaemonProcess {
        let daemon = try DaemonProcess(binary: binary, directory: directory, store: store, arguments: arguments)
        try daemon.waitUntilServing()
        return daemon
    }

    /// Starts the process without waiting (for tests that expect it to fail).
    public init(binary: String, directory: String? = nil, socketPath: String? = nil, store: [String]? = nil, arguments: [String] = []) throws {
        self.binary = binary
        self.directory = try directory ?? TemporaryDirectory.make()
        self.socketPath = socketPath ?? self.directory + "/b.sock"
        databasePath = self.directory + "/b.sqlite3"
        stderrPath = self.directory + "/stderr-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        storeArguments = try store ?? (TestStore.isPostgres ? ["--database", try TestStore.postgresDatabase(in: self.directory).description] : ["--db", databasePath])
        process.arguments = ["serve", "--socket", self.socketPath] + storeArguments + ["--test-clock", "--log-level", "warning"] + arguments
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    public func waitUntilServing(seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let connection = try? SocketConnection(path: socketPath), (try? connection.call("system.health")) != nil { return }
            if !process.isRunning { break }
            usleep(20_000)
        }
        throw SocketConnection.ConnectError(path: socketPath, reason: "daemon did not start: \(stderr)")
    }

    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    public func connect() throws -> SocketConnection { try SocketConnection(path: socketPath) }

    /// Sends `signal` and waits for the exit; returns the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Removes the directory (and, on PostgreSQL, the daemon's database).
    public func removeFiles() {
        if TestStore.isPostgres, let url = try? TestStore.postgresDatabase(in: directory) { TestPostgres.drop(url) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
