import Prometheus

/// Every metric family `system.metrics` exposes, declared once: name, unit and help text (the
/// `# HELP` line), and the histogram buckets. Protocol/README.md lists the same table.
/// (Computed: swift-prometheus's `MetricNameDescriptor` is not `Sendable`, so it cannot be a static constant.)
enum MetricFamilies {
    static var requests: MetricNameDescriptor { family("requests", "total", "Requests answered, by method ((unknown): not in the catalog, (none): no valid request).") }
    static var requestErrors: MetricNameDescriptor { family("request_errors", "total", "Requests answered with an error, by method and error type (data.type).") }
    static var requestDuration: MetricNameDescriptor { family("request_duration", "seconds", "Time from a request's arrival to its answer, by method.") }
    static var openConnections: MetricNameDescriptor { family("open_connections", "", "Client connections open now.") }
    static var connections: MetricNameDescriptor { family("connections", "total", "Client connections accepted since start.") }
    static var writeQueue: MetricNameDescriptor { family("write_queue_depth", "", "State changes waiting for the writer, sampled when scraped.") }
    static var batchSize: MetricNameDescriptor { family("write_batch_size", "requests", "Requests per group commit (its count is the number of commits).") }
    static var commitDuration: MetricNameDescriptor { family(
        "commit_duration", "seconds", "Time of each group commit's COMMIT, including SQLite's WAL write and fsync.") }
    static var webhookDeliveries: MetricNameDescriptor { family(
        "webhook_deliveries", "total", "Lemon Squeezy webhook deliveries by outcome (or the error type they were refused with).") }
    static var schedulerRuns: MetricNameDescriptor { family("scheduler_runs", "total", "Passes of the once-a-second scheduler (timeouts, period ends, expiries).") }
    static var schedulerFailures: MetricNameDescriptor { family("scheduler_failures", "total", "Scheduler passes that failed whole and changed nothing.") }
    static var schedulerItemsProcessed: MetricNameDescriptor { family(
        "scheduler_items_processed", "total", "Due items the scheduler processed, by kind.") }
    static var schedulerItemFailures: MetricNameDescriptor { family(
        "scheduler_item_failures", "total", "Due items that failed alone in a scheduler pass (they stay due and are retried), by kind.") }
    static var residentMemory: MetricNameDescriptor { family("resident_memory", "bytes", "Resident set size of the daemon (VmRSS), sampled when scraped.") }
    static var startTime: MetricNameDescriptor { family("start_time", "seconds", "When the daemon started, in seconds since the Unix epoch.") }
    static var buildInfo: MetricNameDescriptor { family("build_info", "", "Always 1; the version label is the daemon's.") }

    /// 100 µs to 10 s: a read answered from memory up to a write stuck behind a slow disk.
    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Powers of two up to the writer's default batch limit of 1000.
    static let batchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000]

    /// Names are `billingd_<name>_<unit>`: node_exporter's textfile collector serves them next to
    /// its own metrics, so none may collide with its `process_*` or `node_*` families.
    private static func family(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "billingd", metricName: name, unitName: unit, helpText: help)
    }
}
