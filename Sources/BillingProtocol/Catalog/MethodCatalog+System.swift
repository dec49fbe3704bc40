extension MethodCatalog {
    /// What a clock move answers: the new time and what its scheduler pass did (items fail alone).
    static let clockMoveResult: [(String, String)] = [
        ("now", "the new time"),
        ("processed", "{reservation_timeout, period_end, grant_expiry, idempotency_prune}: items processed"),
        ("failed", "[{kind, id, reason, error_type}]: due items that failed alone and stay due"),
    ]

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
        MethodDescriptor(
            "system.migrations", "Applied and pending schema migrations.", access: .read,
            result: [("applied", "[{version, name, checksum, applied_at}]"), ("pending", "[{version, name, checksum}]")]),
        MethodDescriptor(
            "system.verify", "Checks every balance against its ledger and grants, totals, foreign keys and SQLite's integrity check.",
            access: .read, result: [("ok", "true when problems is empty"), ("problems", "[string]")]),
        MethodDescriptor(
            "system.backup", "A consistent copy of the database, taken while serving (SQLite online backup).", access: .read,
            params: [.required("path", .text(maxBytes: 4096), "Where to write the copy; must not exist yet.")],
            result: [("path", "the copy's path"), ("bytes", "its size")], errors: ["already_exists", "internal_error"]),
        MethodDescriptor(
            "system.clock", "The daemon's current time.", access: .server, result: [("now", "timestamp"), ("test_clock", "boolean")]),
        MethodDescriptor(
            "system.clock.advance", "Test clock only: moves time forward and runs everything that became due.", access: .write,
            params: [.required("ms", .integer(min: 0, max: 100 * 365 * 86_400_000), "Milliseconds to move forward.")],
            result: clockMoveResult, errors: ["unavailable", "invalid_params"]),
        MethodDescriptor(
            "system.clock.set", "Test clock only: sets the time (never backwards) and runs everything that became due.",
            access: .write, params: [.required("now", .timestamp, "The new time; not before the current one.")],
            result: clockMoveResult, errors: ["unavailable", "invalid_params"]),
    ]
}
