extension MethodCatalog {
    static let system: [MethodDescriptor] = [
        SystemHealth.descriptor,
        MethodDescriptor(
            "system.methods", "This catalog: every method with its params, result and errors.", access: .server,
            result: [("methods", "[{name, description, access, params, result, errors}]")]),
        MethodDescriptor(
            "system.stats", "Request counts by method and error type, latency percentiles, connections, group-commit figures.",
            access: .server,
            result: [
                ("requests", "{method: count}; unknown names count under (unknown)"), ("errors", "{data.type: count}"),
                ("latency_us", "{count, p50, p90, p99, p999, max} in microseconds"), ("open_connections", "now open"),
                ("total_connections", "accepted since start"), ("commits", "write transactions committed"),
                ("write_requests", "write requests committed"),
                ("requests_per_commit", "write requests per commit, as a decimal string"), ("writer_queue", "write requests waiting"),
                ("rss_bytes", "the daemon's resident memory (VmRSS), in bytes"),
                ("scheduler", "{passes, items_processed, failures, failing: [{kind, id, reason, error_type, consecutive}]}"),
            ]),
        SystemMetrics.descriptor,
        SystemMigrations.descriptor,
        SystemVerify.descriptor,
        SystemBackup.descriptor,
        SystemClock.descriptor,
        SystemClockAdvance.descriptor,
        SystemClockSet.descriptor,
    ]
}
