import BillingProtocol
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where every answered request, connection and commit is counted: the `system.stats` answer
/// (requests by method, errors by `data.type`, latency, connections), the Prometheus metrics of
/// `system.metrics`, and the request log (each request at debug level, internal errors at error
/// level: method, duration and error type, never params).
final class ServerStats: Sendable {
    /// What is counted off the per-request path: refusals before any method was known, connections.
    private struct State {
        var errors: [String: Int64] = [:]
        var open: Int64 = 0
        var total: Int64 = 0
        /// One per event loop (`makeShard`): answered requests are counted there.
        var shards: [StatsShard] = []
    }

    private let state = Mutex(State())
    let metrics: ServerMetrics
    private let logger: Logger

    init(metrics: ServerMetrics, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
    }

    /// A new shard for one event loop's requests, summed into `report`.
    func makeShard() -> StatsShard {
        let shard = StatsShard()
        state.withLock { $0.shards.append(shard) }
        return shard
    }

    /// One answered request, counted in the answering loop's `shard`; `result` is its success
    /// value (a webhook delivery's outcome is in it).
    func record(method: String, errorType: String?, microseconds: UInt64, result: (any MethodResult)? = nil, in shard: StatsShard) {
        shard.record(method: method, errorType: errorType, microseconds: microseconds)
        metrics.request(method: method, errorType: errorType, duration: .microseconds(microseconds))
        if method == "webhooks.lemonsqueezy" {
            metrics.webhook(outcome: errorType ?? result?.wire["outcome"]?.stringValue ?? "unknown")
        }
        let level: Logger.Level = errorType == RPCErrorCode.internalError.type ? .error : .debug
        logger.log(level: level, errorType == nil ? "request" : "request failed", metadata: {
            var fields: Logger.Metadata = ["method": .string(method), "duration_us": .stringConvertible(microseconds)]
            if let errorType { fields["error_type"] = .string(errorType) }
            return fields
        }())
    }

    /// A line, batch element or connection refused before any method was known.
    func recordError(_ type: String) {
        state.withLock { $0.errors[type, default: 0] += 1 }
        metrics.request(method: ServerMetrics.noMethod, errorType: type, duration: nil)
    }

    func connectionOpened() {
        state.withLock { $0.open += 1; $0.total += 1 }
        metrics.connectionOpened()
    }

    func connectionClosed() {
        state.withLock { $0.open -= 1 }
        metrics.connectionClosed()
    }

    var openConnections: Int64 { state.withLock { $0.open } }

    /// The `system.stats` answer, typed: it is encoded once, when the answer is written.
    func report(commits: Int64, writes: Int64, queue: Int, scheduler: StatsReport.Scheduler) -> StatsReport {
        let (own, shards) = state.withLock { ($0, $0.shards) }
        var total = StatsShard.Counts()
        total.errors = own.errors
        for shard in shards { shard.add(to: &total) }
        func sorted(_ table: [String: Int64]) -> [StatsReport.Count] {
            table.sorted { $0.key < $1.key }.map { StatsReport.Count(key: $0.key, count: $0.value) }
        }
        let h = total.latency
        let empty = h.totalCount == 0
        func p(_ q: Double) -> Int64 { Int64(empty ? 0 : h.valueAtPercentile(q)) }
        let perCommit = commits == 0 ? Money(minorUnits: 0, scale: 2) : Money(minorUnits: writes * 100 / commits, scale: 2)
        return StatsReport(
            requests: sorted(total.requests), errors: sorted(total.errors),
            latency: StatsReport.Latency(count: Int64(h.totalCount), p50: p(50), p90: p(90), p99: p(99), p999: p(99.9),
                                         max: Int64(empty ? 0 : h.max)),
            openConnections: own.open, totalConnections: own.total, commits: commits, writeRequests: writes,
            requestsPerCommit: perCommit, writerQueue: Int64(queue), rssBytes: ServerStats.residentBytes() ?? 0, scheduler: scheduler)
    }

    /// The daemon's resident set size: `VmRSS` from /proc/self/status (nil where there is none).
    static func residentBytes() -> Int64? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard line.hasPrefix("VmRSS:") else { continue }
            let digits = line.dropFirst(6).filter { $0.isNumber }
            return Int64(digits).map { $0 * 1024 }
        }
        return nil
    }
}
