/// `system.metrics`: the daemon's Prometheus metrics, answered by the server without the database.
public enum SystemMetrics: Command {
    public typealias Result = MetricsExposition
    public typealias Parameters = NoParameters
    public static let name = "system.metrics"
    public static let access = MethodAccess.server
}
