import BillingCore
import BillingProtocol
import Prometheus

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's Prometheus metrics, answered by `system.metrics` in the text exposition format.
///
/// They live on a swift-prometheus registry of this server's own, not behind swift-metrics'
/// process-wide `MetricsSystem`: several servers in one process (the tests) must not mix their
/// numbers, and swift-metrics' factory path emits no `# HELP` lines. Every family is declared once
/// in `MetricFamilies`, because swift-prometheus traps when one name is registered twice with a
/// different help text or type. Label values come from closed sets (catalog method names, error
/// types, webhook outcomes), so no caller can grow the output.
final class ServerMetrics: Sendable {
    /// A line or batch element that never named a known method (parse errors, refused connections).
    static let noMethod = "(none)"
    /// A well-formed request for a method the catalog does not have.
    static let unknownMethod = "(unknown)"

    private let registry = PrometheusCollectorRegistry()
    /// Per method, created up front so a request only looks up an immutable dictionary.
    private let requests: [String: (count: Counter, duration: DurationHistogram)]
    private let openConnections: Gauge
    private let connections: Counter
    private let batchSize: ValueHistogram
    private let commitDuration: DurationHistogram
    private let writeQueue: Gauge
    private let schedulerRuns: Counter
    private let schedulerFailures: Counter
    /// Per scheduler item kind: items processed, items that failed alone (and stay due).
    private let schedulerItems: [SchedulerItem.Kind: (processed: Counter, failed: Counter)]
    private let residentMemory: Gauge

    init(version: String, startedAtUnixSeconds: Int64) {
        let registry = registry
        let names = MethodCatalog.all.map(\.name) + [Self.unknownMethod, Self.noMethod]
        requests = Dictionary(uniqueKeysWithValues: names.map { name in
            let labels = [("method", name)]
            return (name, (registry.makeCounter(descriptor: MetricFamilies.requests, labels: labels),
                           registry.makeDurationHistogram(descriptor: MetricFamilies.requestDuration, labels: labels,
                                                          buckets: MetricFamilies.latencyBuckets)))
        })
        openConnections = registry.makeGauge(descriptor: MetricFamilies.openConnections)
        connections = registry.makeCounter(descriptor: MetricFamilies.connections)
        batchSize = registry.makeValueHistogram(descriptor: MetricFamilies.batchSize, buckets: MetricFamilies.batchSizeBuckets)
        commitDuration = registry.makeDurationHistogram(descriptor: MetricFamilies.commitDuration, buckets: MetricFamilies.latencyBuckets)
        writeQueue = registry.makeGauge(descriptor: MetricFamilies.writeQueue)
        schedulerRuns = registry.makeCounter(descriptor: MetricFamilies.schedulerRuns)
        schedulerFailures = registry.makeCounter(descriptor: MetricFamilies.schedulerFailures)
        schedulerItems = Dictionary(uniqueKeysWithValues: SchedulerItem.Kind.allCases.map { kind in
            let labels = [("kind", kind.rawValue)]
            return (kind, (registry.makeCounter(descriptor: MetricFamilies.schedulerItemsProcessed, labels: labels),
                           registry.makeCounter(descriptor: MetricFamilies.schedulerItemFailures, labels: labels)))
        })
        residentMemory = registry.makeGauge(descriptor: MetricFamilies.residentMemory)
        registry.makeGauge(descriptor: MetricFamilies.startTime).set(to: Double(startedAtUnixSeconds))
        registry.makeGauge(descriptor: MetricFamilies.buildInfo, labels: [("version", version)]).set(to: 1)
    }

    /// One answered request; `method` is a catalog name, `unknownMethod` or `noMethod`.
    func request(method: String, errorType: String?, duration: Duration?) {
        let series = requests[method] ?? requests[Self.unknownMethod]!
        series.count.increment()
        if let duration { series.duration.record(duration) }
        if let errorType {
            registry.makeCounter(descriptor: MetricFamilies.requestErrors, labels: [("method", method), ("error_type", errorType)]).increment()
        }
    }

    func connectionOpened() {
        openConnections.increment()
        connections.increment()
    }

    func connectionClosed() { openConnections.decrement() }

    /// A group commit: how many requests it held and how long its COMMIT took.
    func commit(batchSize size: Int, duration: Duration) {
        batchSize.record(Double(size))
        commitDuration.record(duration)
    }

    /// A Lemon Squeezy delivery's `outcome`, or the error type it was refused with.
    func webhook(outcome: String) {
        registry.makeCounter(descriptor: MetricFamilies.webhookDeliveries, labels: [("outcome", outcome)]).increment()
    }

    /// A real-clock scheduler pass: failed whole (nothing applied), or with per-kind counts and the items that failed alone.
    func schedulerPass(_ result: Result<SchedulerPass, any Error>) {
        schedulerRuns.increment()
        switch result {
        case .failure:
            schedulerFailures.increment()
        case .success(let pass):
            for (kind, count) in pass.report.processed { schedulerItems[kind]?.processed.increment(by: Int64(count)) }
            for failure in pass.report.failures { schedulerItems[failure.item.kind]?.failed.increment() }
        }
    }

    /// The exposition text; values that are read rather than counted are sampled now.
    func exposition(writeQueueDepth: Int) -> MetricsExposition {
        writeQueue.set(to: Double(writeQueueDepth))
        residentMemory.set(to: Double(ServerStats.residentBytes() ?? 0))
        return MetricsExposition(text: registry.emitToString())
    }
}
