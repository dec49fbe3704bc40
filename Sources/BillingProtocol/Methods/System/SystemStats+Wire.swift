/// `system.stats` on the wire: its catalog entry.
extension SystemStats: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Request counts by method and error type, latency percentiles, connections, group-commit figures.",
        result: [
            ("requests", "{method: count}; unknown names count under (unknown)"), ("errors", "{data.type: count}"),
            ("latency_us", "{count, p50, p90, p99, p999, max} in microseconds"), ("open_connections", "now open"),
            ("total_connections", "accepted since start"), ("commits", "write transactions committed"),
            ("write_requests", "write requests committed"),
            ("requests_per_commit", "write requests per commit, as a decimal string"), ("writer_queue", "write requests waiting"),
            ("rss_bytes", "the daemon's resident memory (VmRSS), in bytes"),
            ("scheduler", "{passes, items_processed, failures, failing: [{kind, id, reason, error_type, consecutive}]}"),
        ])
}
