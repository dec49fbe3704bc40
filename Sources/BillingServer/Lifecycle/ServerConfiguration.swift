/// The daemon's listening limits; every one is a `serve` flag and is documented in `Protocol/`.
public struct ServerConfiguration: Sendable {
    public var socketPath: String
    /// File mode of the socket, 0600 unless `--socket-mode` says otherwise.
    public var socketMode: UInt32 = 0o600
    /// Longest accepted line; longer ones are answered with `request_too_large`.
    public var maxLineBytes: Int = 1 << 20
    /// Answers outstanding on one connection before the daemon stops reading from it.
    public var maxInFlightPerConnection: Int = 256
    /// Open connections; one more is answered `overloaded` and closed.
    public var maxConnections: Int = 4096
    /// Deepest JSON nesting accepted.
    public var maxJSONDepth: Int = 64
    /// How long shutdown waits for in-flight requests before closing connections anyway.
    public var shutdownGraceSeconds: Int64 = 10
    /// A connection that sends nothing for this long, with nothing in flight, is closed
    /// (a half line that never finishes cannot hold a connection forever).
    public var idleTimeoutSeconds: Int64 = 300
    /// When set, only peers whose uid (SO_PEERCRED) is listed may connect; others are closed at once.
    public var allowedUIDs: Set<UInt32>?
    /// When set, the socket file's group (the mode then usually grants it access, e.g. 0660).
    public var socketGroup: String?
    /// A listening socket passed in by the service manager: served instead of creating `socketPath`,
    /// whose file (and mode and group, set by the socket unit) the daemon then leaves alone.
    public var activation: SocketActivation?
    /// Where to report readiness and shutdown (`NOTIFY_SOCKET`, for `Type=notify`).
    public var notifier: ServiceNotifier?
    /// Run the scheduler every second (off with a test clock, which runs it when moved).
    public var runScheduler: Bool = true

    public init(socketPath: String) {
        self.socketPath = socketPath
    }
}
