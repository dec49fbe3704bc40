import BillingProtocol
import Foundation
import Histogram

#if canImport(Glibc)
import Glibc
#endif

/// Runs a benchmark against a running daemon: funds the users, opens the connections, runs the
/// generator threads until the stop (time or count) and the drain, and asks the daemon for its
/// RSS and group-commit figures. Everything it opens it closes.
public enum BenchRunner {
    public static func run(_ configuration: BenchConfiguration, log: (String) -> Void = { _ in }) throws -> BenchReport {
        try configuration.validate()
        BenchSocket.raiseFileLimit()
        let path = configuration.socketPath
        if configuration.fund && configuration.mix != .health {
            let started = monotonicNanos()
            try fund(configuration)
            log("funded \(configuration.users) users in \(format(Double(monotonicNanos() - started) / 1e9, 2)) s")
        }
        let before = try? stats(path)

        var descriptors: [Int32] = []
        descriptors.reserveCapacity(configuration.connections)
        do {
            for _ in 0..<configuration.connections { descriptors.append(try BenchSocket.connect(path)) }
        } catch {
            for fd in descriptors { close(fd) }
            throw error
        }
        let threadCount = min(configuration.threads, configuration.connections)
        var shares = [[Int32]](repeating: [], count: threadCount)
        for (i, fd) in descriptors.enumerated() { shares[i % threadCount].append(fd) }

        let start = monotonicNanos()
        let measureStart = start &+ UInt64(configuration.warmup * 1e9)
        let measureEnd = configuration.duration.map { measureStart &+ UInt64($0 * 1e9) } ?? .max
        var budgets: [Int?] = Array(repeating: nil, count: threadCount)
        if let total = configuration.requests {
            for t in 0..<threadCount {
                // Split the count in proportion to each thread's connections.
                budgets[t] = total * shares[t].count / configuration.connections
                    + (t == 0 ? total - (0..<threadCount).map { total * shares[$0].count / configuration.connections }.reduce(0, +) : 0)
            }
        }
        let workers = (0..<threadCount).map { t in
            LoadWorker(index: t, plan: LoadWorker.Plan(
                mix: configuration.mix, depth: configuration.depth, users: configuration.users,
                userPrefix: Array(configuration.userPrefix.utf8),
                idempotencyRun: configuration.idempotency ? Array("bench-\(configuration.runID)".utf8) : nil,
                measureStart: measureStart, measureEnd: measureEnd, stopAt: measureEnd, budget: budgets[t],
                drainNanos: UInt64(configuration.drainSeconds * 1e9),
                rate: configuration.rate.map { $0 * Double(shares[t].count) / Double(configuration.connections) },
                sweep: configuration.sweep), descriptors: shares[t])
        }
        let cpuBefore = processCPUSeconds()
        let daemonBefore = configuration.daemonPID.flatMap(daemonCPUSeconds)
        let finished = DispatchSemaphore(value: 0)
        for worker in workers {
            let thread = Thread {
                worker.run()
                finished.signal()
            }
            thread.name = "bench-\(worker.index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in workers { finished.wait() }
        let end = monotonicNanos()
        let wall = Double(end - start) / 1e9
        let cpu = processCPUSeconds() - cpuBefore
        var daemonCPU: Double? = nil
        if let daemonBefore, let daemonAfter = configuration.daemonPID.flatMap(daemonCPUSeconds) {
            daemonCPU = (daemonAfter - daemonBefore) / wall * 100
        }

        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
        var errors: [String: Int] = [:]
        var byKind = [Int](repeating: 0, count: 8)
        var measured = 0
        var lost = 0
        var lastMeasured = measureStart
        for worker in workers {
            let outcome = worker.outcome
            histogram.add(outcome.histogram)
            measured += outcome.measured
            lost += outcome.lost
            lastMeasured = Swift.max(lastMeasured, outcome.lastMeasuredAt)
            for (key, value) in outcome.errors { errors[key, default: 0] += value }
            for i in 0..<byKind.count { byKind[i] += outcome.byMethod[i] }
        }
        let seconds = configuration.duration ?? Swift.max(1e-9, Double(lastMeasured &- measureStart) / 1e9)
        var byMethod: [String: Int] = [:]
        for i in 0..<byKind.count where byKind[i] > 0 {
            byMethod["\(RequestKind(rawValue: UInt8(i))!.method)"] = byKind[i]
        }
        let after = try? stats(path)
        func us(_ percentile: Double) -> Double { histogram.totalCount == 0 ? 0 : Double(histogram.valueAtPercentile(percentile)) / 1000 }
        var perCommit: Double? = nil
        if let before, let after, let c0 = before["commits"]?.int64Value, let c1 = after["commits"]?.int64Value,
            let w0 = before["write_requests"]?.int64Value, let w1 = after["write_requests"]?.int64Value, c1 > c0
        {
            perCommit = Double(w1 - w0) / Double(c1 - c0)
        }
        return BenchReport(
            mix: configuration.mix.rawValue, connections: configuration.connections, depth: configuration.depth, threads: threadCount,
            idempotency: configuration.idempotency, requests: measured, seconds: seconds, opsPerSecond: Double(measured) / seconds,
            p50: us(50), p90: us(90), p99: us(99), p999: us(99.9), max: histogram.totalCount == 0 ? 0 : Double(histogram.max) / 1000,
            errors: errors, byMethod: byMethod, lost: lost, clientCPUPercent: cpu / wall * 100, daemonCPUPercent: daemonCPU,
            rssBytes: after?["rss_bytes"]?.int64Value, requestsPerCommit: perCommit, loadAverage: loadAverage(),
            rate: configuration.rate)
    }

    /// Grants `fundCredits` to every benchmark user, pipelined, each with an idempotency key
    /// derived from the user id, so funding twice grants nothing new.
    static func fund(_ configuration: BenchConfiguration) throws(BenchError) {
        let connection = try BlockingLineConnection(path: configuration.socketPath, timeoutSeconds: 120)
        let prefix = Array(configuration.userPrefix.utf8)
        let chunk = 1000
        var failures: [String: Int] = [:]
        var next = 0
        while next < configuration.users {
            let upper = min(configuration.users, next + chunk)
            var out: [UInt8] = []
            out.reserveCapacity(200 * (upper - next))
            for user in next..<upper {
                WireFormat.append("{\"jsonrpc\":\"2.0\",\"id\":", to: &out)
                WireFormat.appendDecimal(UInt64(user), to: &out)
                WireFormat.append(",\"method\":\"credits.grant\",\"params\":{\"user_id\":\"", to: &out)
                out.append(contentsOf: prefix)
                WireFormat.appendDecimal(UInt64(user), to: &out)
                WireFormat.append("\",\"amount\":", to: &out)
                WireFormat.appendDecimal(UInt64(configuration.fundCredits), to: &out)
                WireFormat.append(",\"source\":\"adjustment\",\"idempotency_key\":\"bench-fund-", to: &out)
                out.append(contentsOf: prefix)
                WireFormat.appendDecimal(UInt64(user), to: &out)
                WireFormat.append("\"}}\n", to: &out)
            }
            try connection.send(out)
            for _ in next..<upper {
                let line = try connection.readLine()
                let scanned = line.withUnsafeBufferPointer { ResponseScanner.scan($0, wantReservation: false) }
                // A rerun with another amount meets its own earlier key: already funded.
                if scanned.isError, let type = scanned.errorType, type != "idempotency_conflict" {
                    failures[String(type), default: 0] += 1
                }
            }
            next = upper
        }
        if !failures.isEmpty {
            throw BenchError("funding failed: " + failures.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }

    /// The daemon's `system.stats` result.
    public static func stats(_ path: String) throws -> JSONValue {
        let connection = try BlockingLineConnection(path: path, timeoutSeconds: 30)
        try connection.send(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.stats\"}\n".utf8))
        let line = try connection.readLine()
        let response = try JSONParser.parse(Array(line))
        guard let result = response["result"] else { throw BenchError("system.stats failed: \(response.serialized())") }
        return result
    }

    /// The daemon's RSS and open connections while `count` connections are open (each has done
    /// one round trip, so the daemon has set it up fully); closes them all before returning.
    public static func holdConnections(path: String, count: Int, seconds: Double) throws -> (rssBytes: Int64?, open: Int64?) {
        guard count >= 1, count <= 100_000 else { throw BenchError("--open-connections must be 1...100000") }
        guard seconds >= 0, seconds <= 600 else { throw BenchError("--hold-seconds must be in [0, 600]") }
        BenchSocket.raiseFileLimit()
        var connections: [BlockingLineConnection] = []
        connections.reserveCapacity(count)
        for _ in 0..<count { connections.append(try BlockingLineConnection(path: path, timeoutSeconds: 30)) }
        let ping = Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.health\"}\n".utf8)
        for connection in connections { try connection.send(ping) }
        for connection in connections { _ = try connection.readLine() }
        if seconds > 0 { usleep(useconds_t(seconds * 1e6)) }
        let result = try stats(path)
        connections.removeAll()
        return (result["rss_bytes"]?.int64Value, result["open_connections"]?.int64Value)
    }

    /// The 1-minute load average from /proc/loadavg.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// utime + stime of a process, in seconds, from /proc/PID/stat.
    static func daemonCPUSeconds(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
