/// `system.metrics`: the daemon's Prometheus metrics, answered by the server without the database.
public enum SystemMetrics: BillingMethod {
    public typealias Result = MetricsExposition
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor(
        "system.metrics",
        "Prometheus metrics in the text exposition format: requests, errors and latency by method, connections, the writer's "
            + "queue, batch sizes and commit latency, webhook outcomes, scheduler runs and failures, memory. See Protocol/README.md.",
        access: .server, result: MetricsExposition.fields)
}
