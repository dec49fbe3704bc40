import BillingProtocol

/// The outcome of one run: throughput, latency percentiles (HdrHistogram, microseconds),
/// errors by `data.type`, and what the daemon said about itself afterwards.
public struct BenchReport: Sendable {
    public var mix: String
    public var connections: Int
    public var depth: Int
    public var threads: Int
    public var idempotency: Bool
    /// Answers counted (received inside the measured window).
    public var requests: Int
    public var seconds: Double
    public var opsPerSecond: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    public var errors: [String: Int]
    public var byMethod: [String: Int]
    /// Requests that never got an answer before the drain deadline.
    public var lost: Int
    /// The generator's own CPU use over the run, in percent of one core.
    public var clientCPUPercent: Double
    /// The daemon's CPU use over the run (when its pid was given), in percent of one core.
    public var daemonCPUPercent: Double?
    /// `rss_bytes` from `system.stats` after the run.
    public var rssBytes: Int64?
    /// Write requests per commit during the run (from `system.stats` before and after).
    public var requestsPerCommit: Double?
    /// The 1-minute load average at the end (other work on the machine skews a run).
    public var loadAverage: Double?
    /// The requested rate (`--rate`), when the run was paced: compare it with `opsPerSecond`.
    public var rate: Double? = nil

    /// Daemon CPU microseconds per answered request (when the daemon's pid was given): less
    /// sensitive than ops/s to other processes competing for the cores.
    public var daemonMicrosPerOp: Double? {
        guard let daemonCPUPercent, opsPerSecond > 0 else { return nil }
        return daemonCPUPercent * 10_000 / opsPerSecond
    }

    public var errorCount: Int { errors.values.reduce(0, +) }

    public var json: JSONValue {
        func number(_ value: Double, _ decimals: Int = 1) -> JSONValue { .number(format(value, decimals)) }
        var object: JSONObject = [
            "mix": .string(mix), "connections": .int(connections), "depth": .int(depth), "threads": .int(threads),
            "idempotency": .bool(idempotency), "requests": .int(requests), "seconds": number(seconds, 3),
            "ops_per_s": number(opsPerSecond, 0), "p50_us": number(p50), "p90_us": number(p90), "p99_us": number(p99),
            "p999_us": number(p999), "max_us": number(max),
            "errors": .object(JSONObject(errors.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            "by_method": .object(JSONObject(byMethod.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            "lost": .int(lost), "client_cpu_pct": number(clientCPUPercent),
        ]
        object["daemon_cpu_pct"] = daemonCPUPercent.map { number($0) } ?? .null
        object["rss_bytes"] = rssBytes.map { .int($0) } ?? .null
        object["requests_per_commit"] = requestsPerCommit.map { number($0, 1) } ?? .null
        object["daemon_cpu_us_per_op"] = daemonMicrosPerOp.map { number($0, 1) } ?? .null
        object["loadavg"] = loadAverage.map { number($0, 2) } ?? .null
        object["rate"] = rate.map { number($0, 0) } ?? .null
        return .object(object)
    }

    /// One line for people.
    public var summary: String {
        var line = "\(mix) c=\(connections) d=\(depth): \(format(opsPerSecond, 0)) ops/s"
            + (rate.map { " (paced at \(format($0, 0))/s)" } ?? "")
            + "  p50 \(micros(p50))  p99 \(micros(p99))  p99.9 \(micros(p999))  max \(micros(max))"
            + "  (\(requests) answers in \(format(seconds, 2)) s"
        if errorCount > 0 {
            line += ", errors " + errors.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        } else {
            line += ", no errors"
        }
        if lost > 0 { line += ", \(lost) lost" }
        line += ")"
        if let rssBytes { line += "  daemon RSS \(format(Double(rssBytes) / 1_048_576, 1)) MiB" }
        if let requestsPerCommit { line += "  \(format(requestsPerCommit, 1)) writes/commit" }
        line += "  generator CPU \(format(clientCPUPercent, 0))%"
        if let daemonCPUPercent { line += "  daemon CPU \(format(daemonCPUPercent, 0))%" }
        if let daemonMicrosPerOp { line += " (\(format(daemonMicrosPerOp, 1)) us/op)" }
        if let loadAverage { line += "  load \(format(loadAverage, 2))" }
        return line
    }

    private func micros(_ value: Double) -> String {
        value >= 1000 ? "\(format(value / 1000, 2)) ms" : "\(format(value, 0)) us"
    }
}

/// Fixed-point text without Foundation's locale-dependent formatting.
func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9.0e18 else { return String(value) }
    let whole = Int64(scaled)
    let sign = value < 0 && whole != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let unit = Int64(scale)
    var fraction = String(whole % unit)
    while fraction.count < decimals { fraction = "0" + fraction }
    return sign + String(whole / unit) + "." + fraction
}
