/// What one benchmark run does: how many connections, how deep each pipeline is, which mix of
/// requests, and when it stops. Every run is bounded: by `duration` seconds, by `requests`, or both.
public struct BenchConfiguration: Sendable {
    /// The request mixes of issue 5.
    public enum Mix: String, Sendable, CaseIterable {
        /// `credits.consume` amount 1 on a random pre-funded user.
        case consume
        /// 90% `credits.get`, 10% `credits.consume`.
        case get90
        /// `credits.reserve` amount 1, then `credits.commit` of that reservation (two requests per pair).
        case reserveCommit = "reserve-commit"
        /// `system.health`: no database at all; measures the transport, the parser and this generator.
        case health
        /// `credits.get` only: the read path.
        case get
    }

    public var socketPath: String
    public var connections: Int = 16
    /// Requests in flight per connection: 1 waits for each answer, 32 pipelines.
    public var depth: Int = 1
    public var mix: Mix = .consume
    /// Measured seconds (after warm-up). Nil: run until `requests` have been answered.
    public var duration: Double? = 5
    /// Stop issuing after this many requests in total (nil: no cap).
    public var requests: Int? = nil
    /// Seconds run before measuring starts (answers in it are not counted).
    public var warmup: Double = 1
    /// Distinct users the load spreads over.
    public var users: Int = 10_000
    /// Prefix of the benchmark's user ids.
    public var userPrefix: String = "bench-u"
    /// Credits granted to each user before the run (idempotently: a rerun grants nothing new).
    public var fundCredits: Int64 = 1_000_000_000_000
    /// Fund users before the run (needs `credits.grant`).
    public var fund: Bool = true
    /// Give every state change a unique `idempotency_key`.
    public var idempotency: Bool = false
    /// Generator threads (each runs its own epoll loop over a share of the connections).
    public var threads: Int = 1
    /// How long, after the stop, outstanding answers are still awaited before giving up.
    public var drainSeconds: Double = 10
    /// The daemon's process id, when known: its CPU use over the run is reported too.
    public var daemonPID: Int32? = nil
    /// Requests per second in total, spread over the generator threads (nil: closed loop, as
    /// fast as answers come back). Slots wait for their turn, so `depth` only caps what is in flight.
    public var rate: Double? = nil
    /// Users in turn (request k goes to user k mod `users`) instead of at random, so a run of
    /// `users` requests touches every user exactly once. One generator thread only.
    public var sweep: Bool = false
    /// A run id that keeps idempotency keys of different runs apart.
    public var runID: String = String(UInt64.random(in: 0..<UInt64.max), radix: 36)

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Checks the bounds that keep a run finite and sensible.
    public func validate() throws(BenchError) {
        guard connections >= 1, connections <= 100_000 else { throw BenchError("connections must be 1...100000") }
        guard depth >= 1, depth <= 4096 else { throw BenchError("depth must be 1...4096") }
        guard users >= 1 else { throw BenchError("users must be >= 1") }
        guard threads >= 1, threads <= 64 else { throw BenchError("threads must be 1...64") }
        guard duration != nil || requests != nil else { throw BenchError("give a duration or a request count: every run must stop") }
        if let duration { guard duration > 0, duration <= 3600 else { throw BenchError("duration must be in (0, 3600] seconds") } }
        if let requests { guard requests >= 1 else { throw BenchError("requests must be >= 1") } }
        if let rate { guard rate.isFinite, rate > 0, rate <= 10_000_000 else { throw BenchError("rate must be in (0, 10000000] requests/s") } }
        guard !sweep || threads == 1 else { throw BenchError("--sweep runs on one generator thread") }
        guard warmup >= 0, warmup <= 600 else { throw BenchError("warmup must be in [0, 600] seconds") }
    }
}

/// A benchmark failure with a message for people.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
