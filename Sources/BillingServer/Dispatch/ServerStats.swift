import BillingProtocol
import Histogram
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Counters for `system.stats`: requests by method, errors by `data.type`, latency, connections.
final class ServerStats: Sendable {
    private struct State {
        var requests: [String: Int64] = [:]
        var errors: [String: Int64] = [:]
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var open: Int64 = 0
        var total: Int64 = 0
    }

    private let state = Mutex(State())

    func record(method: String, errorType: String?, microseconds: UInt64) {
        state.withLock { s in
            s.requests[method, default: 0] += 1
            if let errorType { s.errors[errorType, default: 0] += 1 }
            _ = s.latency.record(min(microseconds, 60_000_000))
        }
    }

    func recordError(_ type: String) {
        state.withLock { $0.errors[type, default: 0] += 1 }
    }

    func connectionOpened() { state.withLock { $0.open += 1; $0.total += 1 } }
    func connectionClosed() { state.withLock { $0.open -= 1 } }
    var openConnections: Int64 { state.withLock { $0.open } }

    func json(commits: Int64, writes: Int64, queue: Int) -> JSONValue {
        state.withLock { s in
            func sorted(_ table: [String: Int64]) -> JSONValue {
                .object(JSONObject(table.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
            }
            let h = s.latency
            let empty = h.totalCount == 0
            func p(_ q: Double) -> JSONValue { .int(Int64(empty ? 0 : h.valueAtPercentile(q))) }
            let perCommit = commits == 0 ? Money(minorUnits: 0, scale: 2) : Money(minorUnits: writes * 100 / commits, scale: 2)
            return .object([
                "requests": sorted(s.requests), "errors": sorted(s.errors),
                "latency_us": .object(["count": .int(Int64(h.totalCount)), "p50": p(50), "p90": p(90), "p99": p(99), "p999": p(99.9),
                                       "max": .int(Int64(empty ? 0 : h.max))]),
                "open_connections": .int(s.open), "total_connections": .int(s.total),
                "commits": .int(commits), "write_requests": .int(writes), "requests_per_commit": .string(perCommit.description),
                "writer_queue": .int(queue), "rss_bytes": .int(ServerStats.residentBytes() ?? 0),
            ])
        }
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
