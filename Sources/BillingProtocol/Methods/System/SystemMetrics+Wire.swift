/// `system.metrics` on the wire: its catalog entry.
extension SystemMetrics: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self,
        "Prometheus metrics in the text exposition format: requests, errors and latency by method, connections, the writer's "
            + "queue, batch sizes and commit latency, webhook outcomes, scheduler runs and failures, memory. See Protocol/README.md.",
        result: MetricsExposition.fields)
}
